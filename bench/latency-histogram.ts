/**
 * A bounded-memory latency histogram: log-spaced buckets 0.5 % wide, so a percentile read from it
 * is within 0.5 % of the exact nearest-rank value, whether it holds a thousand samples or ten
 * million (scenario (a) alone records about two million deliveries).
 */
const PRECISION = 0.005;
/** Smallest distinguishable latency (ms); anything faster lands in the first bucket. */
const MIN_MS = 0.001;
/** Largest bucket bound (ms): 1,000 s, far beyond any timeout the bench uses. */
const MAX_MS = 1_000_000;
const LOG_STEP = Math.log1p(PRECISION);
const BUCKETS = Math.ceil(Math.log(MAX_MS / MIN_MS) / LOG_STEP) + 1;

export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** The distribution as [latency ms, fraction of samples at or below it], ascending, at most ~200 points. */
  cdf: Array<[number, number]>;
}

/** A histogram in a form that crosses threads and processes (structured clone, JSON). */
export interface HistogramSnapshot {
  /** [bucket, count] for non-empty buckets only. */
  buckets: Array<[number, number]>;
  total: number;
  sum: number;
  min: number;
  max: number;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private sum = 0;
  private min = Number.POSITIVE_INFINITY;
  private maxSeen = 0;

  record(ms: number): void {
    const value = Number.isFinite(ms) && ms > 0 ? ms : 0;
    this.counts[bucketOf(value)]! += 1;
    this.total += 1;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.maxSeen) this.maxSeen = value;
  }

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.maxSeen;
  }

  snapshot(): HistogramSnapshot {
    const buckets: Array<[number, number]> = [];
    this.counts.forEach((count, i) => {
      if (count > 0) buckets.push([i, count]);
    });
    return { buckets, total: this.total, sum: this.sum, min: this.min, max: this.maxSeen };
  }

  /** Adds another histogram's samples (e.g. a worker thread's) to this one. */
  merge(other: HistogramSnapshot): void {
    for (const [bucket, count] of other.buckets) {
      if (bucket >= 0 && bucket < BUCKETS) this.counts[bucket]! += count;
    }
    this.total += other.total;
    this.sum += other.sum;
    if (other.total > 0) {
      this.min = Math.min(this.min, other.min);
      this.maxSeen = Math.max(this.maxSeen, other.max);
    }
  }

  /** Nearest-rank percentile (0 < p ≤ 100); 0 when empty. */
  percentile(p: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil((Math.min(100, Math.max(0, p)) / 100) * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return this.clamp(upperBoundOf(i));
    }
    return this.maxSeen;
  }

  summary(maxCdfPoints = 200): LatencySummary {
    return {
      count: this.total,
      mean: this.total === 0 ? 0 : this.sum / this.total,
      p50: this.percentile(50),
      p95: this.percentile(95),
      p99: this.percentile(99),
      max: this.maxSeen,
      cdf: this.cdf(maxCdfPoints),
    };
  }

  /** Non-empty buckets as CDF points, thinned evenly to `maxPoints` (the last point is always kept). */
  cdf(maxPoints = 200): Array<[number, number]> {
    if (this.total === 0) return [];
    const points: Array<[number, number]> = [];
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      const count = this.counts[i]!;
      if (count === 0) continue;
      seen += count;
      points.push([this.clamp(upperBoundOf(i)), seen / this.total]);
    }
    if (points.length <= maxPoints) return points;
    const stride = points.length / (maxPoints - 1);
    const thinned: Array<[number, number]> = [];
    for (let k = 0; k < maxPoints - 1; k++) thinned.push(points[Math.floor(k * stride)]!);
    thinned.push(points[points.length - 1]!);
    return thinned;
  }

  /** A bucket's bound may lie outside what was seen; never report beyond the observed range. */
  private clamp(value: number): number {
    return Math.min(this.maxSeen, Math.max(this.min, value));
  }
}

function bucketOf(ms: number): number {
  if (ms <= MIN_MS) return 0;
  return Math.min(BUCKETS - 1, Math.ceil(Math.log(ms / MIN_MS) / LOG_STEP));
}

function upperBoundOf(bucket: number): number {
  return MIN_MS * Math.exp(bucket * LOG_STEP);
}
