package io.annota.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplayDriverTest {

    @Test
    void parsesOptionsAndFlags() {
        var options = ReplayDriver.parse(new String[] {"mllp", "--port", "2576", "--generated", "--seed", "7"});
        assertThat(options).containsEntry("--port", "2576").containsEntry("--generated", "true")
                .containsEntry("--seed", "7");
        assertThatThrownBy(() -> ReplayDriver.parse(new String[] {"mllp", "--port"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port");
        assertThatThrownBy(() -> ReplayDriver.parse(new String[] {"mllp", "stray"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplayDriver.run("mllp", "--generated", "--files", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude");
        assertThatThrownBy(() -> ReplayDriver.run("soap")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unconditionalDropsOnlyTheCondition() {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:1","resource":{"resourceType":"Patient"},
                  "request":{"method":"POST","url":"Patient","ifNoneExist":"identifier=s|1"}},
                 {"fullUrl":"urn:uuid:2","resource":{"resourceType":"Encounter"},
                  "request":{"method":"POST","url":"Encounter"}}]}""";
        String plain = ReplayDriver.withoutConditionalCreates(bundle);
        assertThat(plain).doesNotContain("ifNoneExist").contains("\"url\":\"Patient\"", "urn:uuid:2", "Encounter");
    }
}
