package io.annota.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * RxNorm products (SCD, SBD and packs, as Synthea codes its MedicationRequests) to the ingredient and brand-name
 * RxCUIs our dictionary carries, from the staged RxNorm Current Prescribable Content
 * ({@code vocab/rxnorm-prescribe-ingredients/web-data/*.json.gz}: ingredient -> SCDC -> SCD -> SBD -> BN, packs).
 * The upstream snapshot lacks the ingredients starting with "A": their products are not in this map.
 */
final class RxNormProducts {

    private final Map<String, Set<String>> conceptsByProduct = new HashMap<>();

    static RxNormProducts read(Path webData) throws IOException {
        RxNormProducts products = new RxNormProducts();
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> list = Files.list(webData)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted().toList();
        }
        for (Path file : files) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                for (JsonNode ingredient : json.readTree(in)) {
                    products.addIngredient(ingredient);
                }
            }
        }
        return products;
    }

    private void addIngredient(JsonNode ingredient) {
        String in = ingredient.path("RXCUI").asText();
        for (JsonNode scdc : ingredient.path("SCDCs")) {
            for (JsonNode scd : scdc.path("SCDs")) {
                link(scd, in);
                scd.path("GPCKs").forEach(pack -> link(pack, in));
                scd.path("BPCKs").forEach(pack -> link(pack, in));
                for (JsonNode sbd : scd.path("SBDs")) {
                    link(sbd, in);
                    // a brand-name mention ("Lipitor") names the SBD's and the SCD's drug as well
                    for (JsonNode bn : sbd.path("BNs")) {
                        link(sbd, bn.path("RXCUI").asText());
                        link(scd, bn.path("RXCUI").asText());
                    }
                }
            }
        }
    }

    private void link(JsonNode product, String concept) {
        conceptsByProduct.computeIfAbsent(product.path("RXCUI").asText(), k -> new HashSet<>()).add(concept);
    }

    boolean knows(String productRxcui) {
        return conceptsByProduct.containsKey(productRxcui);
    }

    /** Ingredient and brand-name RxCUIs of a product; empty if the product is not in the staged content. */
    Set<String> conceptsOf(String productRxcui) {
        return conceptsByProduct.getOrDefault(productRxcui, Set.of());
    }
}
