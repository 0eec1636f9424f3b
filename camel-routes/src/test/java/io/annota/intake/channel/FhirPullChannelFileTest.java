package io.annota.intake.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FhirPullChannelFileTest {

    private static final ChannelFileParser.Defaults DEFAULTS = new ChannelFileParser.Defaults("0.0.0.0",
            StandardCharsets.UTF_8, 1024 * 1024, Duration.ofMinutes(5), 50);
    private static final String HEAD = "channels:\n  - id: ehr\n    type: fhir-pull\n";
    private static final String MINIMAL = HEAD + "    base-url: https://ehr.example.org/fhir\n    types: [Patient]\n";

    @TempDir
    Path dir;

    @BeforeEach
    void secrets() throws IOException {
        Files.writeString(dir.resolve("secret.txt"), "s3cret\n");
    }

    private List<ChannelSettings> parse(String yaml) {
        return new ChannelFileParser(DEFAULTS).parse("channels.yaml", new StringReader(yaml), dir);
    }

    @Test
    void everyKey() {
        ChannelSettings channel = parse(HEAD + """
                    base-url: https://ehr.example.org/fhir/
                    types: [Patient, DocumentReference]
                    query:
                      DocumentReference: status=current&type=http://loinc.org|11506-3
                    interval: 30s
                    page-size: 200
                    auth:
                      type: client-credentials
                      token-url: https://auth.example.org/token
                      client-id: annota
                      client-secret-file: secret.txt
                      scope: system/*.read
                    retry: {max-attempts: 6, initial-backoff: 500ms, max-backoff: 1m}
                    overlap: 0s
                    notify-secret-file: secret.txt
                  - id: other
                    type: fhir-pull
                    base-url: http://hapi.local:8080/fhir
                    types: Patient
                """).get(0);

        FhirPullSettings pull = channel.pull();
        assertThat(channel.kind()).isEqualTo(ChannelSettings.Kind.FHIR_PULL);
        assertThat(pull.baseUrl()).isEqualTo(URI.create("https://ehr.example.org/fhir"));
        assertThat(pull.types()).containsExactly("Patient", "DocumentReference");
        assertThat(pull.queries()).isEqualTo(Map.of("DocumentReference",
                "status=current&type=http://loinc.org|11506-3"));
        assertThat(pull.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pull.pageSize()).isEqualTo(200);
        assertThat(pull.auth().mode()).isEqualTo(FhirPullSettings.AuthMode.CLIENT_CREDENTIALS);
        assertThat(pull.auth().secretFile()).isEqualTo(dir.resolve("secret.txt"));
        assertThat(pull.auth().scope()).isEqualTo("system/*.read");
        assertThat(pull.auth().toString()).doesNotContain("secret");
        assertThat(pull.retry()).isEqualTo(new FhirPullSettings.Retry(6, Duration.ofMillis(500),
                Duration.ofMinutes(1)));
        assertThat(pull.overlap()).isEqualTo(Duration.ZERO);
        assertThat(pull.notifySecretFile()).isEqualTo(dir.resolve("secret.txt"));
    }

    @Test
    void defaults() {
        FhirPullSettings pull = parse(MINIMAL).get(0).pull();
        assertThat(pull.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(pull.pageSize()).isEqualTo(100);
        assertThat(pull.auth()).isEqualTo(FhirPullSettings.Auth.NONE);
        assertThat(pull.retry()).isEqualTo(FhirPullSettings.Retry.DEFAULT);
        assertThat(pull.overlap()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pull.notifySecretFile()).isNull();
    }

    static Stream<Arguments> badChannels() {
        return Stream.of(
                Arguments.of(HEAD + "    types: [Patient]", "channels.yaml:2: channel 'ehr': a fhir-pull channel "
                        + "needs a 'base-url'"),
                Arguments.of(HEAD + "    base-url: https://x/fhir", "channels.yaml:2: channel 'ehr': a fhir-pull "
                        + "channel needs 'types'"),
                Arguments.of(HEAD + "    base-url: ftp://x/fhir\n    types: [Patient]",
                        "channels.yaml:4: channel 'ehr': base-url must be an http(s) URL"),
                Arguments.of(HEAD + "    base-url: https://x/fhir?a=b\n    types: [Patient]",
                        "channels.yaml:4: channel 'ehr': base-url must be an http(s) URL without a query"),
                Arguments.of(HEAD + "    base-url: https://x/fhir\n    types: [patient]",
                        "channels.yaml:5: channel 'ehr': types: 'patient' is not a FHIR resource type"),
                Arguments.of(MINIMAL + "    query: {Observation: code=1}",
                        "channels.yaml:6: channel 'ehr': query: 'Observation' is not one of the channel's types"),
                Arguments.of(MINIMAL + "    query: {Patient: _count=5}",
                        "channels.yaml:6: channel 'ehr': query of Patient must be search parameters without"),
                Arguments.of(MINIMAL + "    query: {Patient: active=true&_lastUpdated=gt2020}",
                        "channels.yaml:6: channel 'ehr': query of Patient must be search parameters without"),
                Arguments.of(MINIMAL + "    interval: 100ms",
                        "channels.yaml:6: channel 'ehr': interval must be between 1s and 24h"),
                Arguments.of(MINIMAL + "    page-size: 0",
                        "channels.yaml:6: channel 'ehr': page-size must be between 1 and 1000"),
                Arguments.of(MINIMAL + "    overlap: 2h",
                        "channels.yaml:6: channel 'ehr': overlap must be between 0s and 1h"),
                Arguments.of(MINIMAL + "    auth: {type: kerberos}",
                        "channels.yaml:6: channel 'ehr': auth type must be one of none, bearer, basic"),
                Arguments.of(MINIMAL + "    auth: {token: x}",
                        "channels.yaml:6: channel 'ehr': auth needs a 'type'"),
                Arguments.of(MINIMAL + "    auth: {type: bearer}",
                        "channels.yaml:6: channel 'ehr': bearer auth needs one of 'token-file' or 'token'"),
                Arguments.of(MINIMAL + "    auth: {type: bearer, token: x, token-file: secret.txt}",
                        "channels.yaml:6: channel 'ehr': bearer auth needs one of 'token-file' or 'token'"),
                Arguments.of(MINIMAL + "    auth: {type: bearer, token-file: missing.txt}",
                        "channels.yaml:6: channel 'ehr': token-file 'missing.txt' is not a readable file"),
                Arguments.of(MINIMAL + "    auth: {type: basic, username: u, password: p}",
                        "channels.yaml:6: channel 'ehr': unknown key 'password' in auth"),
                Arguments.of(MINIMAL + "    auth: {type: basic, username: u}",
                        "channels.yaml:6: channel 'ehr': basic auth needs 'password-file'"),
                Arguments.of(MINIMAL + "    auth: {type: basic, password-file: secret.txt, scope: x}",
                        "channels.yaml:6: channel 'ehr': 'scope' is not for auth type basic"),
                Arguments.of(MINIMAL + "    auth: {type: client-credentials, client-id: a, client-secret-file: "
                        + "secret.txt}", "channels.yaml:6: channel 'ehr': client-credentials auth needs 'token-url'"),
                Arguments.of(MINIMAL + "    retry: {max-attempts: 0}",
                        "channels.yaml:6: channel 'ehr': max-attempts must be between 1 and 20"),
                Arguments.of(MINIMAL + "    retry: {initial-backoff: 10s, max-backoff: 1s}",
                        "channels.yaml:6: channel 'ehr': retry: max-backoff must not be shorter"),
                Arguments.of(MINIMAL + "    notify-secret-file: nope.txt",
                        "channels.yaml:6: channel 'ehr': notify-secret-file 'nope.txt' is not a readable file"),
                Arguments.of(MINIMAL + "    port: 2575",
                        "channels.yaml:6: channel 'ehr': 'port' is not for fhir-pull channels"),
                Arguments.of(MINIMAL + "    directory: x",
                        "channels.yaml:6: channel 'ehr': 'directory' is not for fhir-pull channels"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    base-url: https://x/fhir",
                        "channels.yaml:5: channel 'a': 'base-url' is for fhir-pull channels"),
                Arguments.of(MINIMAL + "  - id: ehr\n    type: fhir-pull\n    base-url: https://y/fhir\n"
                        + "    types: [Patient]", "channels.yaml:6: channel 'ehr': id used twice"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badChannels")
    void badChannelsNameFileLineAndReason(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ChannelFileException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void twoPullChannelsMayShareAnUpstream() {
        assertThat(parse(MINIMAL + "  - id: ehr-notes\n    type: fhir-pull\n    base-url: https://ehr.example.org/fhir\n"
                + "    types: [DocumentReference]")).hasSize(2);
    }
}
