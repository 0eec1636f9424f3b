package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Guards {@code $meta-add}, the one write HAPI's JPA server performs without the pre-storage pointcuts (so
 * without de-identification): tags and security labels may be added by code, but not with a {@code display},
 * which is free text that would be stored as sent. Such a request is refused with 422.
 */
@Interceptor
public final class MetaOperationGuard {

    private final FhirContext context;

    public MetaOperationGuard(FhirContext context) {
        this.context = context;
    }

    /**
     * {@link Pointcut#SERVER_INCOMING_REQUEST_PRE_HANDLED}: the operation is known and about to be invoked; nothing
     * has been written. Throwing here refuses the request.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void refuseFreeTextInMetaAdd(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.META_ADD) {
            return;
        }
        byte[] body = request.loadRequestContents();
        Parameters parameters;
        try {
            String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
            parameters = (text.trim().startsWith("<") ? context.newXmlParser() : context.newJsonParser())
                    .parseResource(Parameters.class, text);
        } catch (DataFormatException e) {
            throw new InvalidRequestException("$meta-add needs a Parameters resource with a 'meta' parameter");
        }
        for (Parameters.ParametersParameterComponent parameter : parameters.getParameter()) {
            if (parameter.getValue() instanceof Meta meta) {
                for (Coding coding : meta.getTag()) {
                    refuseDisplay(coding);
                }
                for (Coding coding : meta.getSecurity()) {
                    refuseDisplay(coding);
                }
            }
        }
    }

    private static void refuseDisplay(Coding coding) {
        if (coding.hasDisplay()) {
            throw new UnprocessableEntityException("Refused $meta-add: a tag or security label display is free text, "
                    + "which this operation would store without de-identification; send system and code only");
        }
    }
}
