package io.annota.server.intake.upstream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * A second, real HAPI FHIR R4 server for the pull tests: HAPI's {@link RestfulServer} in an embedded Tomcat on its
 * own port, with in-memory resource providers that answer reads and searches by {@code _lastUpdated} sorted by
 * {@code _lastUpdated}, paged by HAPI's paging provider ({@code Bundle.link next}). HAPI's own
 * {@code HashMapResourceProvider} ignores {@code _lastUpdated}, hence these. Tests set {@code meta.lastUpdated}
 * themselves, to write several resources at one instant. It can demand an {@code Authorization} value and fail
 * chosen requests with HTTP 500.
 */
public final class UpstreamFhirServer implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    private final Map<String, Store<?>> stores = new LinkedHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failFirst;
    private volatile int failLast;
    private volatile String requiredAuthorization;

    /** On a free port. */
    public UpstreamFhirServer() throws Exception {
        this(0);
    }

    public UpstreamFhirServer(int port) throws Exception {
        RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
        for (Store<?> store : List.of(new Store<>(Patient.class), new Store<>(DocumentReference.class))) {
            stores.put(store.type, store);
        }
        server.setResourceProviders(new ArrayList<>(stores.values()));
        server.setPagingProvider(new FifoMemoryPagingProvider(100).setDefaultPageSize(50).setMaximumPageSize(500));
        server.registerInterceptor(new Gate());
        tomcat.setPort(port);
        tomcat.setBaseDir(Files.createTempDirectory("upstream-tomcat").toString());
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "fhir", server);
        context.addServletMappingDecoded("/fhir/*", "fhir");
        tomcat.getConnector();
        tomcat.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fhir";
    }

    /** Stores a new version of {@code resource} (its id set) last updated at {@code at}. */
    public synchronized <T extends Resource> T put(T resource, Instant at) {
        return ((Store<T>) stores.get(resource.fhirType())).put(resource, at);
    }

    /** Requests must carry this {@code Authorization} header value; {@code null}: none needed. */
    public void requireAuthorization(String value) {
        requiredAuthorization = value;
    }

    /** Requests {@code first} to {@code first + count - 1} (counted from 1) answer HTTP 500. */
    public void failRequests(int first, int count) {
        failFirst = first;
        failLast = first + count - 1;
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Interceptor
    public final class Gate {
        @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
        public void check(RequestDetails request) {
            int number = requests.incrementAndGet();
            String required = requiredAuthorization;
            if (required != null && !required.equals(request.getHeader("Authorization"))) {
                throw new AuthenticationException("missing or wrong credentials");
            }
            if (number >= failFirst && number <= failLast) {
                throw new InternalErrorException("upstream failing on purpose");
            }
        }
    }

    /** The versions of one resource type. */
    public static final class Store<T extends Resource> implements IResourceProvider {

        private final Class<T> resourceClass;
        private final String type;
        private final Map<String, List<T>> versions = new LinkedHashMap<>();

        Store(Class<T> resourceClass) {
            this.resourceClass = resourceClass;
            this.type = FhirContext.forR4Cached().getResourceType(resourceClass);
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return resourceClass;
        }

        synchronized T put(T resource, Instant at) {
            String id = resource.getIdElement().getIdPart();
            List<T> history = versions.computeIfAbsent(id, key -> new ArrayList<>());
            @SuppressWarnings("unchecked")
            T copy = (T) resource.copy();
            String version = String.valueOf(history.size() + 1);
            copy.setId(new IdType(type, id, version));
            copy.getMeta().setVersionId(version).setLastUpdated(Date.from(at));
            history.add(copy);
            return copy;
        }

        @Read
        public synchronized T read(@IdParam IdType id) {
            List<T> history = versions.get(id.getIdPart());
            if (history == null) {
                throw new ResourceNotFoundException(id);
            }
            return history.get(history.size() - 1);
        }

        @Search
        public synchronized List<T> search(@OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated,
                @Sort SortSpec sort) {
            Date lower = lastUpdated == null ? null : lastUpdated.getLowerBoundAsInstant();
            return versions.values().stream().map(history -> history.get(history.size() - 1))
                    .filter(resource -> lower == null || !resource.getMeta().getLastUpdated().before(lower))
                    .sorted(Comparator.comparing((T resource) -> resource.getMeta().getLastUpdated())
                            .thenComparing(resource -> resource.getIdElement().getIdPart()))
                    .toList();
        }
    }
}
