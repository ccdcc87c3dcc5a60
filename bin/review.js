#!/usr/bin/env node
// The command `review`. Note: the Node.js version is checked before anything else loads (the
// built CLI uses syntax and APIs of Node 20), so an older Node says what it needs instead of
// failing with a syntax error. Keep this file to syntax that old versions of Node can parse.
var major = Number(String(process.versions.node).split('.')[0]);
if (major < 20) {
  var lang = String(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');
  process.stderr.write(
    /^pt/i.test(lang)
      ? 'review precisa do Node.js 20 ou mais recente; este é o Node.js ' + process.versions.node + '.\n'
      : 'review needs Node.js 20 or newer; this is Node.js ' + process.versions.node + '.\n',
  );
  process.exitCode = 2;
} else {
  import('../dist/cli/main.js').then(
    function (cli) {
      return cli.main(process.argv).then(function (code) {
        process.exitCode = code;
      });
    },
    function (error) {
      if (error && error.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]main\.js/.test(String(error.message))) {
        process.stderr.write('review: not built yet; run `npm install` (or `npm run build`) in the project folder.\n');
        process.exitCode = 2;
        return;
      }
      throw error;
    },
  );
}
