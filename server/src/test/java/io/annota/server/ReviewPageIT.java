package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.support.Notes;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review page in headless Chromium (Debian's chromium and chromium-driver): a reviewer works through one
 * document with mouse and keyboard, and the decisions are checked in storage. With the system property
 * {@code annota.screenshots=<dir>} the run also writes the screenshots docs/review.md shows.
 */
class ReviewPageIT extends AnnotaServerIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String NOTE =
            "Known type 2 diabetes mellitus, on metformin. He denies chest pain. The left knee is stiff.";
    private static final String REVIEWER = "rv-page-1";
    /** A second source of the same patient, left pending: the set's progress counts it. */
    private static final String CONCLUSION = "Persistent cough. No evidence of pneumonia.";
    private static final String SYMP = "http://purl.obolibrary.org/obo/symp.owl";
    private static final String HPO = "http://purl.obolibrary.org/obo/hp.owl";

    private String patient;
    private String document;
    private String report;
    private ChromeDriver browser;
    /** Ignores stale elements: the page re-renders its lists after every decision. */
    private FluentWait<WebDriver> wait;

    @BeforeEach
    void annotatedDocumentAndBrowser() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("ReviewPageIT needs %s and %s: apt-get install --no-install-recommends chromium chromium-driver"
                        + " (.ci/run does)", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        patient = create(namedPatient("Abernathy", "Rosalind"));
        document = create(Notes.note(patient, NOTE).setDescription("Clinic note"));
        DiagnosticReport xray = new DiagnosticReport();
        xray.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        xray.getCode().setText("Chest X-ray");
        xray.setSubject(new Reference(patient));
        xray.setConclusion(CONCLUSION);
        report = fhir().create().resource(xray).execute().getId().toUnqualifiedVersionless().getValue();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> annotations(document).size() >= 3 && !annotations(report).isEmpty());

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root; the rest keeps Chromium from calling home
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,840",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync");
        // the driver given explicitly: Selenium Manager never looks for (or downloads) one
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReviewerWorksThroughADocumentWithMouseAndKeyboard() throws IOException {
        int total = annotations(document).size();
        openListOfPatient(REVIEWER);
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#documents tr[data-id='" + document + "']")));
        assertThat(row.getText()).contains("0 / " + total, "Clinic note");
        assertThat(browser.findElements(By.cssSelector("#documents tbody tr"))).hasSize(2);

        row.findElement(By.linkText(document)).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("doc-progress"), "data-total", String.valueOf(total)));
        assertThat(browser.findElement(By.cssSelector("#text-pane pre")).getText()).isEqualTo(NOTE);

        // accept: mouse on the highlighted text, then the key a
        browser.findElement(By.cssSelector("#text-pane span[data-id='" + id("metformin") + "']")).click();
        keys("a");
        awaitState("metformin", "accepted");

        // reject: mouse on the list and the button
        item("type 2 diabetes mellitus").click();
        browser.findElement(By.id("reject")).click();
        awaitState("type 2 diabetes mellitus", "rejected");

        // correct code and span: keyboard to the annotation and into the form, the mouse selects the new span
        selectByKeyboard("chest pain");
        keys("c");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-form")));
        int pain = NOTE.indexOf("chest pain") + "chest ".length();
        dragSelect(pain, pain + "pain".length());
        wait.until(ExpectedConditions.attributeToBe(By.id("edit-begin"), "value", String.valueOf(pain)));
        type("edit-code", "SYMP:0000099");
        type("edit-display", "pain");
        // and the assertion: the reviewer reads the denial as hedged too (the NLP found it negated only)
        browser.findElement(By.id("edit-uncertain")).click();
        // a span outside the text: the server's OperationOutcome is shown, nothing is stored
        type("edit-end", "9999", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("error"), "outside the source text"));
        type("edit-end", String.valueOf(pain + "pain".length()), Keys.ENTER);
        awaitState("pain", "corrected");

        // add: select with the mouse, n, then the form by mouse
        int stiff = NOTE.indexOf("stiff");
        dragSelect(stiff, stiff + "stiff".length());
        keys("n");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-group")));
        new Select(browser.findElement(By.id("edit-group"))).selectByValue("sign-symptom");
        assertThat(browser.findElement(By.id("edit-covered")).getText()).isEqualTo("stiff");
        type("edit-system", HPO);
        type("edit-code", "HP:0001387");
        type("edit-display", "Joint stiffness");
        screenshot("review-document.png");
        browser.findElement(By.id("edit-save")).click();
        awaitState("stiff", "added");

        // anything else the NLP found is accepted with the keyboard, as it comes up
        while (!"0".equals(browser.findElement(By.id("doc-progress")).getDomAttribute("data-pending"))) {
            String pending = browser.findElement(By.cssSelector("#annotation-list li[data-state=unconfirmed]"))
                    .getDomAttribute("data-id");
            selectByKeyboard(browser.findElement(By.cssSelector("#annotation-list li[data-id='" + pending + "'] q"))
                    .getText());
            keys("a");
            wait.until(ExpectedConditions.attributeToBe(
                    By.cssSelector("#annotation-list li[data-id='" + pending + "']"), "data-state", "accepted"));
        }

        WebElement progress = browser.findElement(By.id("doc-progress"));
        assertThat(progress.getDomAttribute("data-decided")).isEqualTo(String.valueOf(total + 1));
        assertThat(progress.getDomAttribute("data-total")).isEqualTo(String.valueOf(total + 1));
        assertThat(browser.findElement(By.id("doc-set-progress")).getText()).contains("1 / 2 documents reviewed");
        // back to the list: by default it shows documents with pending annotations, and this one has none left
        keys("b");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("list-view")));
        wait.until(ExpectedConditions.attributeContains(By.tagName("body"), "data-ready", "state=pending"));
        assertThat(rowIds()).containsExactly(report);
        // all documents, the reviewed one with its progress
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("all");
        browser.findElement(By.cssSelector("#filters button")).click();
        wait.until(ExpectedConditions.attributeContains(By.tagName("body"), "data-ready", "state=all"));
        assertThat(rowIds()).containsExactlyInAnyOrder(document, report);
        assertThat(browser.findElement(By.cssSelector("#documents tr[data-id='" + document + "']")).getText())
                .contains((total + 1) + " / " + (total + 1));
        assertThat(browser.findElement(By.id("set-progress")).getText()).contains("1 / 2 documents reviewed");
        screenshot("review-list.png");
        // de-identified data only: the patient's name was scrubbed from storage, and the page reads no Patient
        assertThat(browser.getPageSource()).doesNotContain("Abernathy", "Rosalind");
        assertThat(requestedPaths()).allMatch(p -> p.startsWith("/review/") || p.startsWith("/fhir/"))
                .noneMatch(p -> p.startsWith("/fhir/Patient"));

        assertStored(pain);
    }

    @Test
    void anAdjudicatorSettlesADisputeInAReport() {
        DomainResource disputed = annotations(report).get(0);
        for (String[] vote : new String[][] {{"rv-page-2", "accept"}, {"rv-page-3", "reject"}}) {
            fhir().operation().onInstance(disputed.getIdElement().toVersionless()).named("$review")
                    .withParameters(new Parameters().addParameter("reviewer", new StringType(vote[0]))
                            .addParameter("decision", new CodeType(vote[1])))
                    .returnResourceType(disputed.getClass()).execute();
        }
        openListOfPatient("rv-adjudicator");
        new Select(browser.findElement(By.id("filter-state"))).selectByValue("disputed");
        browser.findElement(By.cssSelector("#filters button")).click();
        wait.until(ExpectedConditions.attributeContains(By.tagName("body"), "data-ready", "state=disputed"));
        assertThat(rowIds()).containsExactly(report);

        keys("o");
        wait.until(ExpectedConditions.attributeToBe(By.id("doc-progress"), "data-disputed", "1"));
        assertThat(browser.findElement(By.cssSelector("#text-pane section")).getText())
                .contains("conclusion", CONCLUSION);
        String id = disputed.getIdElement().toUnqualifiedVersionless().getValue();
        browser.findElement(By.cssSelector("#annotation-list li[data-id='" + id + "']")).click();
        WebElement settle = wait.until(ExpectedConditions.elementToBeClickable(By.id("adjudicate")));
        settle.click();
        keys("r");
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector("#annotation-list li[data-id='" + id + "']"),
                "data-state", "rejected"));

        DomainResource stored = annotations(report).stream()
                .filter(a -> a.getIdElement().toUnqualifiedVersionless().getValue().equals(id)).findFirst().orElseThrow();
        assertThat(state(stored)).isEqualTo("rejected");
        assertThat(activities(stored)).last().isEqualTo(List.of("adjudicate", "rejected"));
    }

    /** The page (/review redirects to /review/) with a reviewer id typed in, its list filtered to this patient. */
    private void openListOfPatient(String reviewer) {
        browser.get("http://localhost:" + httpPort + "/review");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reviewer"))).sendKeys(reviewer, Keys.TAB);
        browser.findElement(By.id("filter-patient")).sendKeys(patient.replace("Patient/", ""), Keys.ENTER);
        wait.until(ExpectedConditions.attributeContains(By.tagName("body"), "data-ready", "patient="));
    }

    /** What the page did, read back through the FHIR API. */
    private void assertStored(int pain) {
        List<DomainResource> stored = annotations(document);
        assertThat(stored).extracting(ReviewPageIT::state).doesNotContain("unconfirmed");
        MedicationStatement metformin = (MedicationStatement) annotation(stored, "metformin");
        assertThat(state(metformin)).isEqualTo("accepted");
        Condition diabetes = (Condition) annotation(stored, "type 2 diabetes mellitus");
        assertThat(state(diabetes)).isEqualTo("rejected");
        assertThat(diabetes.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("entered-in-error");
        Condition corrected = (Condition) annotation(stored, "pain");
        assertThat(state(corrected)).isEqualTo("corrected");
        assertThat(corrected.getCode().getCoding()).extracting(Coding::getSystem, Coding::getCode)
                .containsExactly(tuple(SYMP, "SYMP:0000099"));
        Extension evidence = corrected.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
        assertThat(evidence.getExtensionByUrl(AnnotationExtensions.BEGIN).getValue().primitiveValue())
                .isEqualTo(String.valueOf(pain));
        Extension assertion = corrected.getExtensionByUrl(AnnotationExtensions.ASSERTION);
        assertThat(assertion.getExtensionByUrl("uncertain").getValue().primitiveValue()).isEqualTo("true");
        assertThat(assertion.getExtensionByUrl("negated").getValue().primitiveValue()).isEqualTo("true");
        Condition added = (Condition) annotation(stored, "stiff");
        assertThat(state(added)).isEqualTo("added");
        assertThat(added.getCode().getCodingFirstRep().getCode()).isEqualTo("HP:0001387");
        assertThat(added.getSubject().getReference()).isEqualTo(patient);

        assertThat(activities(metformin)).containsExactly(List.of("verify", "accepted"));
        assertThat(activities(diabetes)).containsExactly(List.of("verify", "rejected"));
        assertThat(activities(corrected)).containsExactly(List.of("correct", "corrected"));
        assertThat(activities(added)).containsExactly(List.of("add", "added"));
    }

    private void keys(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private void type(String field, CharSequence... keys) {
        WebElement input = browser.findElement(By.id(field));
        input.click();
        input.clear();
        input.sendKeys(keys);
    }

    private WebElement item(String covered) {
        return browser.findElement(By.xpath("//ol[@id='annotation-list']/li[q[.='" + covered + "']]"));
    }

    private String id(String covered) {
        return item(covered).getDomAttribute("data-id");
    }

    private void awaitState(String covered, String state) {
        wait.until(ExpectedConditions.attributeToBe(By.xpath("//ol[@id='annotation-list']/li[q[.='" + covered
                + "']]"), "data-state", state));
    }

    /** j or k until the annotation is the current one. */
    private void selectByKeyboard(String covered) {
        List<WebElement> items = browser.findElements(By.cssSelector("#annotation-list li"));
        int from = items.indexOf(browser.findElement(By.cssSelector("#annotation-list li.current")));
        int to = items.indexOf(item(covered));
        keys((to > from ? "j" : "k").repeat(Math.abs(to - from)));
        assertThat(item(covered).getDomAttribute("class")).contains("current");
    }

    /** Selects text offsets [begin, end) of the document text by dragging the mouse across it. */
    @SuppressWarnings("unchecked")
    private void dragSelect(int begin, int end) {
        Map<String, Number> at = (Map<String, Number>) ((JavascriptExecutor) browser).executeScript("""
                const pre = document.querySelector('#text-pane pre');
                const point = offset => {
                  const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
                  for (let node = walker.nextNode(), seen = 0; node; seen += node.length, node = walker.nextNode()) {
                    if (offset < seen + node.length) { return [node, offset - seen]; }
                  }
                };
                const box = offset => {
                  const range = document.createRange();
                  range.setStart(...point(offset));
                  range.setEnd(point(offset)[0], point(offset)[1] + 1);
                  return range.getBoundingClientRect();
                };
                const first = box(arguments[0]), last = box(arguments[1] - 1);
                return { x1: first.left + 1, y1: (first.top + first.bottom) / 2,
                         x2: last.right - 1, y2: (last.top + last.bottom) / 2 };
                """, begin, end);
        new Actions(browser).moveToLocation(at.get("x1").intValue(), at.get("y1").intValue()).clickAndHold()
                .moveToLocation(at.get("x2").intValue(), at.get("y2").intValue()).release().perform();
    }

    /** Paths of everything the page loaded or fetched (the browser's resource timing). */
    @SuppressWarnings("unchecked")
    private List<String> requestedPaths() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)");
    }

    private void screenshot(String name) throws IOException {
        String directory = System.getProperty("annota.screenshots");
        if (directory != null) {
            File shot = browser.getScreenshotAs(OutputType.FILE);
            Files.createDirectories(Path.of(directory));
            Files.copy(shot.toPath(), Path.of(directory, name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private List<String> rowIds() {
        return browser.findElements(By.cssSelector("#documents tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-id")).toList();
    }

    private List<DomainResource> annotations(String source) {
        return AnnotationExtensions.ANNOTATED_TYPES.stream()
                .flatMap(type -> fhir().search().byUrl(type + "?annotation-source=" + source)
                        .returnBundle(Bundle.class).execute().getEntry().stream())
                .map(e -> (DomainResource) e.getResource())
                .toList();
    }

    private static DomainResource annotation(List<DomainResource> annotations, String covered) {
        return annotations.stream()
                .filter(a -> a.getExtensionByUrl(AnnotationExtensions.EVIDENCE)
                        .getExtensionByUrl(AnnotationExtensions.TEXT).getValue().primitiveValue().equals(covered))
                .findFirst().orElseThrow(() -> new AssertionError("no annotation covers '" + covered + "'"));
    }

    private static String state(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).getValue().primitiveValue();
    }

    /** The activity codes of the reviewer Provenances on an annotation (the NLP's own has a Device agent). */
    private List<List<String>> activities(DomainResource annotation) {
        List<Provenance> reviews = fhir().search().byUrl("Provenance?target="
                        + annotation.getIdElement().toUnqualifiedVersionless().getValue() + "&_sort=recorded")
                .returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (Provenance) e.getResource())
                .filter(p -> p.getAgentFirstRep().getWho().hasIdentifier())
                .toList();
        // the reviewer id is stored pseudonymised
        assertThat(reviews).extracting(p -> p.getAgentFirstRep().getWho().getIdentifier().getValue())
                .doesNotContain(REVIEWER);
        return reviews.stream().map(p -> p.getActivity().getCoding().stream().map(Coding::getCode).toList()).toList();
    }
}
