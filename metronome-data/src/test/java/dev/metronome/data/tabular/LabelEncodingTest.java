package dev.metronome.data.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEncodingTest {

    @Test
    void nonNegativeIntegers_areIndices_evenWithGaps() {
        LabelEncoding encoding = LabelEncoding.fit(List.of("2", "0", "2"));
        assertThat(encoding.kind()).isEqualTo(LabelEncoding.Kind.INDEX);
        assertThat(encoding.classNames()).containsExactly("0", "1", "2");
        assertThat(encoding.indexOf("2")).isEqualTo(2);
    }

    @Test
    void integersWithNegatives_areRankedNumerically() {
        LabelEncoding encoding = LabelEncoding.fit(List.of("10", "-1", "9"));
        assertThat(encoding.kind()).isEqualTo(LabelEncoding.Kind.SORTED_INTEGERS);
        assertThat(encoding.classNames()).containsExactly("-1", "9", "10");
        assertThat(encoding.indexOf("10")).isEqualTo(2);
        assertThat(encoding.describe()).isEqualTo("sorted integers: -1=0, 9=1, 10=2");
    }

    @Test
    void strings_areRankedLexicographically() {
        LabelEncoding encoding = LabelEncoding.fit(List.of("legit", "fraud", "Legit"));
        assertThat(encoding.kind()).isEqualTo(LabelEncoding.Kind.SORTED_STRINGS);
        assertThat(encoding.classNames()).containsExactly("Legit", "fraud", "legit");
        assertThat(encoding.describe()).isEqualTo("sorted strings: Legit=0, fraud=1, legit=2");
    }

    @Test
    void mixedNumbersAndWords_areStrings() {
        assertThat(LabelEncoding.fit(List.of("1", "x")).kind()).isEqualTo(LabelEncoding.Kind.SORTED_STRINGS);
    }

    @Test
    void unseenValue_isRejected() {
        assertThatThrownBy(() -> LabelEncoding.fit(List.of("a", "b")).indexOf("c"))
                .hasMessage("label 'c' is not one of [a, b]");
    }

    @Test
    void aChosenPositiveLabel_becomesClassOne() {
        LabelEncoding sorted = LabelEncoding.fit(List.of("legit", "fraud", "legit"));
        assertThat(sorted.classNames()).containsExactly("fraud", "legit");

        LabelEncoding encoding = sorted.withPositive("fraud");

        assertThat(encoding.classNames()).containsExactly("legit", "fraud");
        assertThat(encoding.indexOf("fraud")).isEqualTo(1);
        assertThat(encoding.indexOf("legit")).isZero();
        assertThat(encoding.describe()).isEqualTo("positive label fraud: legit=0, fraud=1");
        assertThat(sorted.withPositive("legit").classNames()).containsExactly("fraud", "legit");
    }

    @Test
    void aPositiveLabel_canSwapZeroOneIndices() {
        LabelEncoding encoding = LabelEncoding.fit(List.of("0", "1", "1")).withPositive("0");

        assertThat(encoding.classNames()).containsExactly("1", "0");
        assertThat(encoding.indexOf("0")).isEqualTo(1);
        assertThat(encoding.indexOf("1")).isZero();
    }

    @Test
    void aPositiveLabel_needsTwoClasses_andOneOfThem() {
        assertThatThrownBy(() -> LabelEncoding.fit(List.of("a", "b", "c")).withPositive("a"))
                .hasMessage("a positive label needs exactly two classes, found 3: a, b, c");
        assertThatThrownBy(() -> LabelEncoding.fit(List.of("fraud", "legit")).withPositive("Fraud"))
                .hasMessage("positive label 'Fraud' is not one of the labels fraud, legit");
    }
}
