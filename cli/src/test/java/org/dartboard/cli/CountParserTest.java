package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Counts are written the way people write them; anything else is refused with a message naming it. */
class CountParserTest {

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            1                     | 1
            1000000               | 1000000
            1_000_000             | 1000000
            "1,000,000"           | 1000000
            " 42 "                | 42
            1e9                   | 1000000000
            1E9                   | 1000000000
            2.5e6                 | 2500000
            1.5k                  | 1500
            10k                   | 10000
            10M                   | 10000000
            3G                    | 3000000000
            2T                    | 2000000000000
            1P                    | 1000000000000000
            1Ki                   | 1024
            4Gi                   | 4294967296
            1Ti                   | 1099511627776
            1Pi                   | 1125899906842624
            2^40                  | 1099511627776
            2^64                  | 18446744073709551616
            10^18                 | 1000000000000000000
            18446744073709551616  | 18446744073709551616
            0                     | 0
            """)
    void readsCountsAsPeopleWriteThem(String text, BigInteger expected) {
        assertThat(CountParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", " ", "abc", "-5", "+-1", "1.5", "0.1", "1.0001k", "2.5e0", "10X", "1e", "e6", "2^",
        "^3", "0x10", "1 000", "1e999", "2^101", "1.2.3", "ten"})
    void refusesAnythingThatIsNotAWholeCount(String text) {
        // The message is shown after the option's name, so it must quote what was typed.
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CountParser.parse(text))
                .withMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "''{0}'' says what is allowed")
    @ValueSource(strings = {"abc", "10X"})
    void malformedCountsAreAnsweredWithTheSyntax(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CountParser.parse(text))
                .withMessageContaining(CountParser.SYNTAX);
    }

    /** A negative number is a whole number: saying it is not would mislead. */
    @ParameterizedTest(name = "''{0}'' is refused as negative")
    @ValueSource(strings = {"-5", "-1e6", "-0"})
    void negativeCountsAreAnsweredWithTheLowerBound(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CountParser.parse(text))
                .withMessage("'" + text + "' is negative: counts are at least 1");
    }
}
