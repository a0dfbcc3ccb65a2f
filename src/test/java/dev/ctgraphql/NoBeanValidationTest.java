package dev.ctgraphql;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The build leaves Hibernate Validator out (pom.xml: it came only with SmallRye GraphQL, and its start-up cost a plain
 * start about 3% of its time to the first answer): a bean validation constraint written in this project would then be
 * ignored without a word, so none may be written until the validator is added back.
 */
class NoBeanValidationTest {

    @Test
    void noMainSourceUsesBeanValidation() throws IOException {
        List<Path> using;
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            using = sources.filter(path -> path.toString().endsWith(".java")).filter(NoBeanValidationTest::mentions)
                    .toList();
        }
        assertEquals(List.of(), using, "bean validation is used here: add io.quarkus:quarkus-hibernate-validator back to"
                + " pom.xml (and drop its exclusions), or its constraints are never checked");
    }

    @Test
    void theValidatorIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.hibernate.validator.HibernateValidator"));
    }

    private static boolean mentions(Path source) {
        try {
            return Files.readString(source, StandardCharsets.UTF_8).contains("jakarta.validation");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + source, e);
        }
    }
}
