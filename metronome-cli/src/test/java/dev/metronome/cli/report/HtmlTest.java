package dev.metronome.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "plain text | plain text",
        "<script>alert(1)</script> | &lt;script&gt;alert(1)&lt;/script&gt;",
        "a & b | a &amp; b",
        "`say \"hi\"` | say &quot;hi&quot;",
        "it's | it&#39;s",
        "`` | ``"})
    void escape_turnsMarkupCharactersIntoReferences(String text, String expected) {
        assertThat(Html.escape(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "8", "11", "27", "127", "155"})
    void escape_replacesControlCharactersThatHtmlForbids(int codePoint) {
        assertThat(Html.escape("a" + (char) codePoint + "b")).isEqualTo("a\uFFFDb");
    }

    @ParameterizedTest
    @CsvSource({"9", "10", "13"})
    void escape_keepsTabsAndLineBreaks(int codePoint) {
        String text = "a" + (char) codePoint + "b";
        assertThat(Html.escape(text)).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void escape_ofNull_isEmpty() {
        assertThat(Html.escape(null)).isEmpty();
    }
}
