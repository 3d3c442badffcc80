import { SenderSequences } from '../src/internal/sender-sequences';

describe('SenderSequences', () => {
  it('passes each next number, drops repeats, and names a skipped number as a hole', () => {
    const seen = new SenderSequences();
    expect([1, 2, 2, 3, 5, 4, 6].map((n) => seen.check('a', n))).toEqual(['next', 'next', 'duplicate', 'next', 'after-hole', 'duplicate', 'next']);
  });

  it('takes a sender first heard mid-way as it is, and lets through what it sent before that', () => {
    const seen = new SenderSequences();
    expect([7, 8, 5, 8].map((n) => seen.check('late', n))).toEqual(['next', 'next', 'next', 'duplicate']);
  });

  it('keeps senders apart, forgets them all after a gap, and holds at most maxSenders', () => {
    const seen = new SenderSequences(2);
    expect([seen.check('a', 1), seen.check('b', 9), seen.check('a', 3)]).toEqual(['next', 'next', 'after-hole']);
    seen.forget();
    expect(seen.check('a', 9)).toBe('next');
    seen.check('b', 1);
    seen.check('c', 1); // a is now the least recently heard from, and over the bound
    expect(seen.check('a', 12)).toBe('next');
  });
});
