package io.wanlab.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationConverterTest {
    @ParameterizedTest(name = "{index}: {0}")
    @CsvSource({"500ms,500", "5s,5000", "5,5000", "2.5,2500", "1m,60000", "1h,3600000", " 3S ,3000"})
    void parsesWhatPeopleType(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{index}: ''{0}''")
    @ValueSource(strings = {"", "s", "-1s", "5 s", "1d", "PT5S", "1e3", "99999999999s"})
    void refusesAnythingElse(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text)).hasMessageContaining("duration: '" + text + "'");
    }
}
