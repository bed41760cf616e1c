package org.dartboard.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads counts the way people write them: {@code 1000000}, {@code 1_000_000}, {@code 1,000,000},
 * {@code 1e9}, {@code 2.5e6}, {@code 10M}, {@code 4Gi}, {@code 2^40}. Decimal suffixes k, M, G, T, P
 * are powers of 1000, binary ones Ki, Mi, Gi, Ti, Pi powers of 1024. The value must be a whole number.
 */
final class CountParser {

    /** What {@link #parse} accepts, for error messages and help. */
    static final String SYNTAX = "a whole number such as 1000000, 1_000_000, 1e6, 10M, 4Gi or 2^40";

    private static final Pattern DECIMAL = Pattern.compile(
            "(?<mantissa>\\d+(?:\\.\\d+)?)(?:e(?<exponent>\\d+))?(?<suffix>[kmgtp]i?)?");
    private static final Pattern POWER = Pattern.compile("(?<base>\\d+)\\^(?<exponent>\\d+)");
    private static final int MAX_EXPONENT = 100;
    private static final Map<String, BigInteger> SUFFIXES = Map.of(
            "k", BigInteger.TEN.pow(3), "m", BigInteger.TEN.pow(6), "g", BigInteger.TEN.pow(9),
            "t", BigInteger.TEN.pow(12), "p", BigInteger.TEN.pow(15),
            "ki", BigInteger.TWO.pow(10), "mi", BigInteger.TWO.pow(20), "gi", BigInteger.TWO.pow(30),
            "ti", BigInteger.TWO.pow(40), "pi", BigInteger.TWO.pow(50));

    private CountParser() {
    }

    /**
     * The count written in {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong, when it is not a whole number
     */
    static BigInteger parse(String text) {
        String compact = text.strip().replace("_", "").replace(",", "").toLowerCase(Locale.ROOT);
        Matcher power = POWER.matcher(compact);
        if (power.matches()) {
            int exponent = exponent(power.group("exponent"), text);
            return new BigInteger(power.group("base")).pow(exponent);
        }
        if (compact.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative: counts are at least 1");
        }
        Matcher decimal = DECIMAL.matcher(compact);
        if (!decimal.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + SYNTAX);
        }
        BigDecimal value = new BigDecimal(decimal.group("mantissa"));
        if (decimal.group("exponent") != null) {
            value = value.scaleByPowerOfTen(exponent(decimal.group("exponent"), text));
        }
        if (decimal.group("suffix") != null) {
            value = value.multiply(new BigDecimal(SUFFIXES.get(decimal.group("suffix"))));
        }
        try {
            return value.toBigIntegerExact();
        } catch (ArithmeticException fraction) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number", fraction);
        }
    }

    private static int exponent(String digits, String text) {
        if (digits.length() > 3 || Integer.parseInt(digits) > MAX_EXPONENT) {
            throw new IllegalArgumentException("'" + text + "' is far too large: counts go up to 2^64");
        }
        return Integer.parseInt(digits);
    }
}
