/** The least-squares line through `points` ([x, y]); it needs two distinct x. */
export function fitLine(points: ReadonlyArray<readonly [number, number]>): { slope: number; intercept: number } {
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  if (!(variance > 0)) throw new Error('fitLine needs at least two distinct x values');
  const slope = covariance / variance;
  return { slope, intercept: meanY - slope * meanX };
}
