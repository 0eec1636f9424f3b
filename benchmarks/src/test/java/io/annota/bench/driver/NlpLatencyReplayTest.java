package io.annota.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class NlpLatencyReplayTest {

    @Test
    void findsTheNoteOfATransactionResponseWithoutItsVersion() throws IOException {
        String response = """
                {"resourceType":"Bundle","type":"transaction-response","entry":[
                  {"response":{"status":"201 Created","location":"Patient/a1/_history/1"}},
                  {"response":{"status":"201 Created","location":"DocumentReference/17/_history/1"}}]}
                """;

        assertThat(NlpLatencyReplay.documentReference(response)).contains("DocumentReference/17");
    }

    @Test
    void aResponseWithoutANoteHasNone() throws IOException {
        assertThat(NlpLatencyReplay.documentReference(
                "{\"entry\":[{\"response\":{\"location\":\"Patient/a1/_history/2\"}}]}")).isEmpty();
    }
}
