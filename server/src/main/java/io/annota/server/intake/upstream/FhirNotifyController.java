package io.annota.server.intake.upstream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR R4 rest-hook notifications of {@code fhir-pull} channels: {@code POST} or {@code PUT}
 * {@code /fhir-notify/<channel>} (and any path below it, where rest-hook senders append {@code Type/id}), outside
 * {@code /fhir} since a notification is not a write of the FHIR API. Answers 200 with counts, 401 when the
 * channel's shared secret is missing or wrong, 404 for an unknown channel, 400 for a body that is not FHIR; errors
 * are OperationOutcomes.
 */
@RestController
public class FhirNotifyController {

    private final FhirPullChannels channels;
    private final FhirContext context;

    public FhirNotifyController(FhirPullChannels channels, FhirContext context) {
        this.channels = channels;
        this.context = context;
    }

    @RequestMapping(path = {"/fhir-notify/{channel}", "/fhir-notify/{channel}/**"},
            method = {RequestMethod.POST, RequestMethod.PUT})
    public ResponseEntity<String> notify(@PathVariable String channel,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody(required = false) String body) {
        FhirPullChannel target = channels.channel(channel).orElse(null);
        if (target == null) {
            return outcome(HttpStatus.NOT_FOUND, "no fhir-pull channel '" + channel + "'");
        }
        if (!target.authorized(authorization)) {
            return outcome(HttpStatus.UNAUTHORIZED, "missing or wrong Authorization for channel '" + channel + "'");
        }
        try {
            FhirPullChannel.Notified notified = target.notified(body);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(
                    "{\"channel\":\"" + channel + "\",\"stored\":" + notified.written() + ",\"failed\":"
                            + notified.failed() + ",\"pullRequested\":" + notified.pullRequested() + "}");
        } catch (InvalidRequestException e) {
            return outcome(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private ResponseEntity<String> outcome(HttpStatus status, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(status == HttpStatus.UNAUTHORIZED ? OperationOutcome.IssueType.LOGIN
                        : status == HttpStatus.NOT_FOUND ? OperationOutcome.IssueType.NOTFOUND
                                : OperationOutcome.IssueType.INVALID)
                .setDiagnostics(diagnostics);
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(context.newJsonParser().encodeResourceToString(outcome));
    }
}
