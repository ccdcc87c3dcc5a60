// Child process for crash tests: opens a review as a writer, appends events as fast as it
// can and prints each event's seq only after `append` returned (i.e. after fsync).
import { Review } from '../../dist/project/review.js';

const [dir, countArg, holdArg] = process.argv.slice(2);
const review = Review.open(dir, { writer: 'appender' });
process.stdout.write(`ready ${process.pid}\n`);
const count = Number(countArg ?? 1000);
for (let i = 0; i < count; i++) {
  const e = review.append({ type: 'test.tick', i, pad: 'x'.repeat(200) });
  process.stdout.write(`ack ${e.seq}\n`);
}
if (holdArg === 'hold') setInterval(() => {}, 1000);
else review.close();
