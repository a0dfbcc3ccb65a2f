package dev.ctgraphql;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;

/**
 * The conventions frontends rely on, checked on the live schema: every enum value and scalar is described, no scalar is
 * declared that nothing uses, every connection has Relay's edges beside nodes and pageInfo, and Node is implemented by
 * Profile and Campaign.
 */
@QuarkusTest
class SchemaConventionsTest {

    static TypeDefinitionRegistry live() {
        return new SchemaParser().parse(given().get("/graphql/schema.graphql").then().statusCode(200).extract().asString());
    }

    @Test
    void everyEnumValueAndScalarHasADescriptionAndEveryScalarIsUsed() {
        TypeDefinitionRegistry schema = live();
        String sdl = given().get("/graphql/schema.graphql").asString();
        List<String> undescribed = new ArrayList<>();
        for (EnumTypeDefinition type : schema.getTypes(EnumTypeDefinition.class)) {
            for (EnumValueDefinition value : type.getEnumValueDefinitions()) {
                if (value.getDescription() == null || value.getDescription().getContent().isBlank()) {
                    undescribed.add(type.getName() + "." + value.getName());
                }
            }
        }
        List<String> unused = new ArrayList<>();
        for (ScalarTypeDefinition scalar : schema.scalars().values()) {
            if (List.of("String", "Int", "Float", "Boolean", "ID").contains(scalar.getName())) {
                continue;
            }
            if (scalar.getDescription() == null || scalar.getDescription().getContent().startsWith("Scalar for")) {
                undescribed.add(scalar.getName());
            }
            if (!sdl.matches("(?s).*: \\[?" + scalar.getName() + "[!\\],\\s].*")) {
                unused.add(scalar.getName());
            }
        }
        assertThat(undescribed, empty());
        assertThat(unused, empty());
    }

    @Test
    void everyConnectionHasEdgesNodesAndPageInfoAndNodeIsImplemented() {
        TypeDefinitionRegistry schema = live();
        List<String> incomplete = new ArrayList<>();
        List<String> implementing = new ArrayList<>();
        for (ObjectTypeDefinition type : schema.getTypes(ObjectTypeDefinition.class)) {
            List<String> fields = type.getFieldDefinitions().stream().map(FieldDefinition::getName).toList();
            if (type.getName().endsWith("Connection") && !fields.containsAll(List.of("edges", "nodes", "pageInfo"))) {
                incomplete.add(type.getName());
            }
            if (type.getImplements().stream().anyMatch(i -> i.toString().contains("Node"))) {
                implementing.add(type.getName());
            }
        }
        assertThat(incomplete, empty());
        assertThat(implementing, hasItems("Profile", "Campaign"));
    }
}
