package dev.threadstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The API depends on the JDK alone: no library may become a run-time dependency of it. */
class DependencyRuleTest {

    @Test
    void theModuleRequiresOnlyTheJdkAtRunTime() throws Exception {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        Set<String> runtime = descriptor.requires().stream()
                .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());

        assertThat(runtime).allMatch(name -> name.startsWith("java."), "only JDK modules");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("dev.threadstore", "dev.threadstore.spi");
    }

    @Test
    void thePomDeclaresNoRuntimeDependency() throws Exception {
        NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile())
                .getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String artifact = text(dependency, "artifactId");
            String scope = text(dependency, "scope");
            boolean optional = "true".equals(text(dependency, "optional"));
            assertThat(optional || "test".equals(scope) || "provided".equals(scope))
                    .as("%s must be test-scoped, provided or optional: threadstore-api has no runtime dependency", artifact)
                    .isTrue();
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
