package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ConditionalRequestInterceptorTest {

    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(Fixtures.KEY);
    private static final ConditionalRequestInterceptor INTERCEPTOR = new ConditionalRequestInterceptor(
            new ConditionalUrlPseudonymizer(Fixtures.R4, PSEUDONYMS));
    private static final String BASE = "http://localhost:8080/fhir";
    private static final String PID = PSEUDONYMS.pseudonymousId("Patient", "mrn-123");

    @Test
    void aReadOfAClientAssignedIdReadsTheStoredId() {
        SystemRequestDetails request = request(RestOperationTypeEnum.READ, RequestTypeEnum.GET, "Patient/mrn-123");

        INTERCEPTOR.pseudonymiseConditionalUrl(request);

        assertThat(request.getId().getValue()).isEqualTo("Patient/" + PID);
        assertThat(request.getRequestPath()).isEqualTo("Patient/" + PID);
        assertThat(request.getCompleteUrl()).isEqualTo(BASE + "/Patient/" + PID);
    }

    @Test
    void aVreadKeepsItsVersion() {
        SystemRequestDetails request = request(RestOperationTypeEnum.VREAD, RequestTypeEnum.GET,
                "Patient/mrn-123/_history/2");
        request.setId(new IdType("Patient", "mrn-123", "2"));

        INTERCEPTOR.pseudonymiseConditionalUrl(request);

        assertThat(request.getId().getValue()).isEqualTo("Patient/" + PID + "/_history/2");
        assertThat(request.getRequestPath()).isEqualTo("Patient/" + PID + "/_history/2");
    }

    @Test
    void anUpdateHasTheUrlIdAndTheBodyIdMappedAlike() {
        Patient patient = new Patient();
        patient.setId("mrn-123");
        patient.setActive(true);
        SystemRequestDetails request = request(RestOperationTypeEnum.UPDATE, RequestTypeEnum.PUT, "Patient/mrn-123");
        request.addHeader(Constants.HEADER_CONTENT_TYPE, Constants.CT_FHIR_JSON_NEW);
        request.setRequestContents(Fixtures.json(patient).getBytes(StandardCharsets.UTF_8));

        INTERCEPTOR.pseudonymiseConditionalUrl(request);

        assertThat(request.getId().getIdPart()).isEqualTo(PID);
        String body = new String(request.loadRequestContents(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("mrn-123").contains(PID).contains("\"active\"");
    }

    @Test
    void aServerAssignedIdIsLeftAsItIs() {
        SystemRequestDetails request = request(RestOperationTypeEnum.DELETE, RequestTypeEnum.DELETE, "Patient/1234");

        INTERCEPTOR.pseudonymiseConditionalUrl(request);

        assertThat(request.getId().getValue()).isEqualTo("Patient/1234");
        assertThat(request.getCompleteUrl()).isEqualTo(BASE + "/Patient/1234");
    }

    @Test
    void aSearchHasItsReferenceAndIdParametersMapped() {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setFhirContext(Fixtures.R4);
        request.setRestOperationType(RestOperationTypeEnum.SEARCH_TYPE);
        request.setRequestType(RequestTypeEnum.GET);
        request.setResourceName("Observation");
        request.setFhirServerBase(BASE);
        request.setRequestPath("Observation");
        request.setCompleteUrl(BASE + "/Observation?subject=Patient/mrn-123&code=8867-4");
        Map<String, String[]> parameters = new LinkedHashMap<>();
        parameters.put("subject", new String[] {"Patient/mrn-123"});
        parameters.put("code", new String[] {"8867-4"});
        request.setParameters(parameters);

        INTERCEPTOR.pseudonymiseConditionalUrl(request);

        assertThat(request.getParameters().get("subject")).containsExactly("Patient/" + PID);
        assertThat(request.getParameters().get("code")).containsExactly("8867-4");
        assertThat(request.getCompleteUrl()).doesNotContain("mrn-123").contains(PID).contains("code=8867-4");
    }

    private static SystemRequestDetails request(RestOperationTypeEnum operation, RequestTypeEnum method, String path) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setFhirContext(Fixtures.R4);
        request.setRestOperationType(operation);
        request.setRequestType(method);
        request.setResourceName("Patient");
        request.setId(new IdType(path.contains("/_history/") ? path.substring(0, path.indexOf("/_history/")) : path));
        request.setFhirServerBase(BASE);
        request.setRequestPath(path);
        request.setCompleteUrl(BASE + "/" + path);
        return request;
    }
}
