package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeds are 64-bit words: typed signed, unsigned or in hexadecimal, and always printed back unsigned, so
 * the seed a run prints can be typed again to repeat it.
 */
class SeedParserTest {

    @ParameterizedTest(name = "''{0}'' is the word {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            0                     | 0
            42                    | 42
            " 7 "                 | 7
            1_000                 | 1000
            -1                    | -1
            18446744073709551615  | -1
            9223372036854775807   | 9223372036854775807
            9223372036854775808   | -9223372036854775808
            -9223372036854775808  | -9223372036854775808
            0x2A                  | 42
            0X2a                  | 42
            0xFFFFFFFFFFFFFFFF    | -1
            0x9E3779B97F4A7C15    | -7046029254386353131
            """)
    void readsSignedUnsignedAndHexadecimalSeeds(String text, long expected) {
        assertThat(SeedParser.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(strings = {"", "abc", "0x", "0xZZ", "1.5", "1e3", "2^64", "10M", "18446744073709551616",
        "-9223372036854775809", "0x10000000000000000"})
    void refusesWhatIsNotASixtyFourBitWord(String text) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SeedParser.parse(text))
                .withMessageContaining("'" + text + "'")
                .withMessageContaining(SeedParser.SYNTAX);
    }

    @ParameterizedTest(name = "{0} prints as {1} and reads back")
    @CsvSource(delimiter = '|', textBlock = """
            0                     | 0
            42                    | 42
            -1                    | 18446744073709551615
            -9223372036854775808  | 9223372036854775808
            """)
    void printedSeedsReadBackAsTheSameWord(long seed, String printed) {
        assertThat(SeedParser.format(seed)).isEqualTo(printed);
        assertThat(SeedParser.parse(SeedParser.format(seed))).isEqualTo(seed);
    }
}
