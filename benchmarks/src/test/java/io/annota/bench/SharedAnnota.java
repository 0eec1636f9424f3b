package io.annota.bench;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One in-process Annota (lite NLP, temp data dir, random ports) for all smoke tests of this module's test run:
 * started on first use, closed when the test plan ends.
 */
public final class SharedAnnota implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedAnnota.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == EmbeddedAnnota.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("annota", key -> new Running(EmbeddedAnnota.start(Map.of())), Running.class)
                .annota();
    }

    private record Running(EmbeddedAnnota annota) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            annota.close();
        }
    }
}
