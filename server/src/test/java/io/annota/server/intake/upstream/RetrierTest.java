package io.annota.server.intake.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.annota.intake.channel.FhirPullSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetrierTest {

    private static final FhirPullSettings.Retry RETRY = new FhirPullSettings.Retry(4, Duration.ofMillis(100),
            Duration.ofMillis(250));

    private final List<Duration> waits = new ArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();

    /** Fails with {@code failure} {@code times} times, then answers "ok". */
    private static Supplier<String> failing(RuntimeException failure, int times) {
        AtomicInteger calls = new AtomicInteger();
        return () -> {
            if (calls.incrementAndGet() <= times) {
                throw failure;
            }
            return "ok";
        };
    }

    static Stream<Arguments> transientFailures() {
        return Stream.of(
                Arguments.of(new FhirClientConnectionException("refused")),
                Arguments.of(new InternalErrorException("500")),
                Arguments.of(new ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException(503, "busy")),
                Arguments.of(new ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException(429, "slow")));
    }

    @ParameterizedTest
    @MethodSource("transientFailures")
    void transientFailuresAreRetriedWithDoublingCappedBackoff(RuntimeException failure) {
        Retrier retrier = new Retrier(RETRY, waits::add, null);
        assertThat(retrier.call("search", failing(failure, 3))).isEqualTo("ok");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    }

    @Test
    void afterTheLastAttemptTheUpstreamIsUnavailable() {
        Retrier retrier = new Retrier(RETRY, waits::add, null);
        assertThatThrownBy(() -> retrier.call("search", failing(new InternalErrorException("500"), 4)))
                .isInstanceOf(UpstreamUnavailableException.class).hasMessageContaining("after 4 attempts");
        assertThat(waits).hasSize(3);
    }

    @Test
    void aClientErrorIsNotRetried() {
        Retrier retrier = new Retrier(RETRY, waits::add, null);
        assertThatThrownBy(() -> retrier.call("search", failing(new InvalidRequestException("bad"), 1)))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(waits).isEmpty();
    }

    @Test
    void a401RefreshesCredentialsOnceThenFails() {
        Retrier retrier = new Retrier(RETRY, waits::add, refreshes::incrementAndGet);
        assertThat(retrier.call("search", failing(new AuthenticationException("expired"), 1))).isEqualTo("ok");
        assertThat(refreshes).hasValue(1);
        assertThatThrownBy(() -> retrier.call("search", failing(new AuthenticationException("wrong"), 2)))
                .isInstanceOf(AuthenticationException.class);
        assertThat(refreshes).hasValue(2);
        assertThat(waits).isEmpty();
    }

    @Test
    void without401RefreshA401FailsAtOnce() {
        Retrier retrier = new Retrier(RETRY, waits::add, null);
        assertThatThrownBy(() -> retrier.call("search", failing(new AuthenticationException("wrong"), 1)))
                .isInstanceOf(AuthenticationException.class);
    }
}
