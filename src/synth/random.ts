/**
 * Deterministic randomness for the synthetic data generator: the same seed always yields the same
 * database, whatever order the tables are written in (each table draws from its own stream).
 */

/** 32-bit FNV-1a of a string: turns `seed:stream` names into PRNG seeds. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A small, fast PRNG (mulberry32) with the helpers the generator needs. */
export class Random {
  private state: number;

  constructor(seed: number, stream: string) {
    this.state = fnv1a(`${seed}:${stream}`);
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/**
 * Draws indexes 0..n-1 with probability proportional to 1/(rank+1+offset)^exponent (Zipf, or
 * Zipf–Mandelbrot with an offset that flattens the head): a few very frequent values and a long
 * tail, as speakers, participants and cited sources are in real corpora.
 */
export class PowerLaw {
  private readonly cumulative: Float64Array;

  constructor(
    readonly size: number,
    exponent: number,
    offset = 0,
  ) {
    if (size < 1) throw new Error('PowerLaw needs at least one value');
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / Math.pow(rank + 1 + offset, exponent);
      this.cumulative[rank] = total;
    }
  }

  sample(random: Random): number {
    const target = random.next() * this.cumulative[this.size - 1]!;
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

// Hex by lookup: ids are built millions of times at 1M quotes.
const HEX2 = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const hex8 = (value: number) => HEX2[(value >>> 24) & 0xff]! + HEX2[(value >>> 16) & 0xff]! + HEX2[(value >>> 8) & 0xff]! + HEX2[value & 0xff]!;
const hex4 = (value: number) => HEX2[(value >>> 8) & 0xff]! + HEX2[value & 0xff]!;

/** Scrambles a 32-bit integer (murmur3's finaliser), so consecutive indexes get unrelated bits. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The id of row `index` of a table: a valid version-4 UUID whose leading bits look random (so the
 * primary-key index fills as it would with real UUIDs) and whose last 12 hex digits are the table's
 * tag and the index (so ids are unique, and computable from the index without storing them).
 */
export function syntheticUuid(tableTag: number, index: number): string {
  const a = mix(index ^ Math.imul(tableTag + 1, 0x9e3779b1));
  const b = mix(a ^ index);
  // Indexes stay below 2^40: 2 hex digits above 32 bits, 8 below.
  const high = Math.floor(index / 0x100000000);
  return `${hex8(a)}-${hex4(b >>> 16)}-4${hex4(b & 0xfff).slice(1)}-8${hex4(b >>> 20).slice(1)}-${HEX2[tableTag & 0xff]}${HEX2[high & 0xff]}${hex8(index >>> 0)}`;
}
