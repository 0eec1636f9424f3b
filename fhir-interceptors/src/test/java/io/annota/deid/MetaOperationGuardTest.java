package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetaOperationGuardTest {

    private final MetaOperationGuard guard = new MetaOperationGuard(Fixtures.R4);

    private static SystemRequestDetails request(String body) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRequestContents(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    @Test
    void tagsWithADisplayAreRefusedAndCodesAlonePass() {
        String withDisplay = """
                {"resourceType": "Parameters", "parameter": [{"name": "meta", "valueMeta": {"tag": [
                  {"system": "urn:example:cohort", "code": "c1", "display": "Marisol Okonkwo-Vance's cohort"}]}}]}""";
        String codesOnly = """
                {"resourceType": "Parameters", "parameter": [{"name": "meta", "valueMeta": {"tag": [
                  {"system": "urn:example:cohort", "code": "c1"}]}}]}""";

        assertThatThrownBy(() -> guard.refuseFreeTextInMetaAdd(request(withDisplay), RestOperationTypeEnum.META_ADD))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageNotContaining("Marisol");
        assertThatCode(() -> guard.refuseFreeTextInMetaAdd(request(codesOnly), RestOperationTypeEnum.META_ADD))
                .doesNotThrowAnyException();
        assertThatCode(() -> guard.refuseFreeTextInMetaAdd(request(withDisplay), RestOperationTypeEnum.META))
                .as("other operations are not its concern").doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.refuseFreeTextInMetaAdd(request("not fhir"), RestOperationTypeEnum.META_ADD))
                .isInstanceOf(InvalidRequestException.class);
    }
}
