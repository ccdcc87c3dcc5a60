/** The hypergeometric distribution: draws without replacement from an urn (exact, in log space). */

const logFactorials: number[] = [0];

/** ln(n!) from a table that grows as needed (exact sums, no approximation). */
export function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1] + Math.log(i));
  return logFactorials[n];
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * P(X <= k) where X counts the marked items among `draws` drawn without replacement from an urn of
 * `population` items of which `marked` are marked (scipy.stats.hypergeom.cdf(k, M=population, n=marked, N=draws)).
 */
export function hypergeometricCdf(k: number, population: number, marked: number, draws: number): number {
  if (![k, population, marked, draws].every(Number.isInteger) || population < 0 || marked < 0 || draws < 0 || marked > population || draws > population) {
    throw new RangeError(`hypergeometric: bad arguments k=${k} N=${population} K=${marked} n=${draws}`);
  }
  const lo = Math.max(0, draws - (population - marked));
  const hi = Math.min(draws, marked);
  if (k < lo) return 0;
  if (k >= hi) return 1;
  const logTotal = logChoose(population, draws);
  // Note: the first term in log space, the rest by the ratio of consecutive terms (no cancellation).
  let term = Math.exp(logChoose(marked, lo) + logChoose(population - marked, draws - lo) - logTotal);
  let sum = term;
  for (let x = lo; x < k; x++) {
    term *= ((marked - x) * (draws - x)) / ((x + 1) * (population - marked - draws + x + 1));
    sum += term;
  }
  return Math.min(1, sum);
}
