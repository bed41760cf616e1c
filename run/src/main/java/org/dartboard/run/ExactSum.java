package org.dartboard.run;

import java.math.BigInteger;

/**
 * A sum of non-negative 64-bit counts that stays exact past 2<sup>64</sup>, without a BigInteger per
 * addition: an unsigned 64-bit low part and a count of its carries. Not thread-safe; its owner guards it.
 */
final class ExactSum {

    private long low;
    private long carries;

    /** Adds a count, read as an unsigned 64-bit number. */
    void add(long count) {
        long sum = low + count;
        if (Long.compareUnsigned(sum, low) < 0) {
            carries++;
        }
        low = sum;
    }

    /** The exact sum so far. */
    BigInteger value() {
        if (carries == 0 && low >= 0) {
            return BigInteger.valueOf(low);
        }
        return BigInteger.valueOf(carries).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }
}
