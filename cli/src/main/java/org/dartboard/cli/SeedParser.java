package org.dartboard.cli;

import java.math.BigInteger;

/**
 * Reads a 64-bit seed: a decimal number from -2<sup>63</sup> to 2<sup>64</sup>−1 or a hexadecimal one
 * such as {@code 0x9E3779B97F4A7C15}. Seeds are printed back unsigned, so every printed seed reads back.
 */
final class SeedParser {

    static final String SYNTAX = "a whole number from -9223372036854775808 to 18446744073709551615,"
            + " or hexadecimal such as 0x2A";

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private SeedParser() {
    }

    static long parse(String text) {
        String compact = text.strip().replace("_", "");
        BigInteger value;
        try {
            boolean hex = compact.startsWith("0x") || compact.startsWith("0X");
            value = hex ? new BigInteger(compact.substring(2), 16) : new BigInteger(compact);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("'" + text + "' is not " + SYNTAX, notANumber);
        }
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + text + "' is out of range: the seed must be " + SYNTAX);
        }
        return value.longValue();
    }

    /** The seed as users see it: unsigned decimal. */
    static String format(long seed) {
        return Long.toUnsignedString(seed);
    }
}
