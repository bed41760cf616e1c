package org.dartboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without a charset that has them, the symbols are spelled in ASCII, wherever a write cuts the text. */
class AsciiSpellingTest {

    @Test
    void theReportsSymbolsReadAsAsciiWords() {
        assertThat(AsciiSpelling.spell("π ≈ 3.14166 ± 0.00041 (one standard error)"))
                .isEqualTo("pi ~ 3.14166 +/- 0.00041 (one standard error)");
        assertThat(AsciiSpelling.spell("  95% confidence interval  3.14085 … 3.14246"))
                .isEqualTo("  95% confidence interval  3.14085 ... 3.14246");
        assertThat(AsciiSpelling.spell("exact 4·inside/total")).isEqualTo("exact 4*inside/total");
        assertThat(AsciiSpelling.spell("0.03 s · 487.3 M points/s · speedup 1.9× over one worker"))
                .isEqualTo("0.03 s - 487.3 M points/s - speedup 1.9x over one worker");
        assertThat(AsciiSpelling.spell("2⁶⁴")).as("a symbol without a spelling is left to the encoder").isEqualTo("2⁶⁴");
    }

    @Test
    void onlyACharsetWithoutTheSymbolsNeedsThem() {
        assertThat(AsciiSpelling.canShowSymbols(StandardCharsets.UTF_8)).isTrue();
        assertThat(AsciiSpelling.canShowSymbols(StandardCharsets.US_ASCII)).isFalse();
        assertThat(AsciiSpelling.canShowSymbols(StandardCharsets.ISO_8859_1)).as("has ± and ·, not π").isFalse();
    }

    /** A dot's spelling depends on the character before it, which an earlier write may have carried. */
    @Test
    void theWriterSpellsTheSameHoweverTheTextIsCut() throws IOException {
        String text = "π ≈ 3.1 ± 0.1 · 4·inside · 2×";
        String whole = AsciiSpelling.spell(text);
        for (int cut = 0; cut <= text.length(); cut++) {
            StringWriter spelled = new StringWriter();
            try (PrintWriter out = new PrintWriter(AsciiSpelling.writer(spelled))) {
                out.print(text.substring(0, cut));
                if (cut < text.length()) {
                    out.print(text.charAt(cut));
                    out.print(text.substring(cut + 1));
                }
            }
            assertThat(spelled.toString()).as("cut at %d", cut).isEqualTo(whole);
        }
    }
}
