package io.strait.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.error.ErrorCategory;
import io.strait.common.error.StraitException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetastoreRuntimeTest {
    private static final Path BUILT = Path.of(System.getProperty(MetastoreRuntime.RUNTIME_PROPERTY));

    @Test
    void locatesTheRuntimeTheBuildLaidOut() {
        MetastoreRuntime runtime = MetastoreRuntime.locate();

        assertThat(runtime.libDirectory()).isEqualTo(BUILT.resolve("lib").toAbsolutePath().normalize());
        assertThat(runtime.classpath()).anyMatch(jar -> jar.getFileName().toString()
                .equals("hive-standalone-metastore-server-4.0.1.jar"));
        assertThat(runtime.classpath()).allMatch(jar -> jar.toString().endsWith(".jar"));
        assertThat(runtime.schemaScripts("derby")).isDirectory();
    }

    @Test
    void fallsBackToTheInstallationHomeWhenNoRuntimePropertyIsSet() {
        Path installation = BUILT.getParent();
        Path linked = installation.resolve("hms-runtime");

        MetastoreRuntime runtime = MetastoreRuntime.locate(
                Map.of(MetastoreRuntime.HOME_PROPERTY, installation.toString())::get, name -> null);

        assertThat(runtime.libDirectory()).isEqualTo(linked.resolve("lib").toAbsolutePath().normalize());
    }

    @Test
    void findsTheRuntimeOfAReleaseDemoPartUnderTheInstallation() throws Exception {
        Path installation = TestingDirectories.create("installation");
        java.nio.file.Files.createDirectories(installation.resolve("demo"));
        java.nio.file.Files.createSymbolicLink(installation.resolve(MetastoreRuntime.DEMO_PART_FOLDER), BUILT);

        MetastoreRuntime runtime = MetastoreRuntime.locate(name -> null,
                Map.of(MetastoreRuntime.HOME_ENVIRONMENT, installation.toString())::get);

        assertThat(runtime.libDirectory()).isEqualTo(installation.resolve("demo/hms-runtime/lib").toAbsolutePath()
                .normalize());
    }

    @Test
    void namesEveryPlaceTriedAndHowToBuildWhenTheRuntimeIsMissing() {
        Map<String, String> properties = Map.of(MetastoreRuntime.RUNTIME_PROPERTY, "/no/such/runtime");
        Map<String, String> environment = Map.of(MetastoreRuntime.HOME_ENVIRONMENT, "/no/such/strait");

        assertThatThrownBy(() -> MetastoreRuntime.locate(properties::get, environment::get))
                .isInstanceOfSatisfying(StraitException.class,
                        e -> assertThat(e.category()).isEqualTo(ErrorCategory.USER_ERROR))
                .hasMessageContaining("/no/such/runtime (no folder /no/such/runtime/lib)")
                .hasMessageContaining("-Dstrait.home (not set)")
                .hasMessageContaining("/no/such/strait/hms-runtime")
                .hasMessageContaining("mvn -pl hms-runtime package");
    }

    @Test
    void rejectsAFolderWithoutTheServerJar() {
        Path empty = TestingDirectories.create("runtime");
        empty.resolve("lib").toFile().mkdirs();

        assertThatThrownBy(() -> MetastoreRuntime.at(empty))
                .isInstanceOf(StraitException.class)
                .hasMessageContaining("no hive-standalone-metastore-server* jar in " + empty.resolve("lib"));
    }

    @Test
    void locatesThe31RuntimeApartFromThe40One() {
        MetastoreRuntime runtime = MetastoreRuntime.locate(MetastoreLine.HIVE_3_1);

        assertThat(runtime.line()).isEqualTo(MetastoreLine.HIVE_3_1);
        assertThat(runtime.libDirectory()).isEqualTo(Path.of(System.getProperty("strait.hms.runtime3"))
                .resolve("lib").toAbsolutePath().normalize());
        assertThat(runtime.classpath()).extracting(jar -> jar.getFileName().toString())
                .contains("hive-standalone-metastore-3.1.3.jar")
                .noneMatch(name -> name.startsWith("hive-standalone-metastore-server")
                        || name.startsWith("hive-standalone-metastore-common"));
        assertThat(runtime.distributionDirectory().getFileName().toString())
                .isEqualTo("apache-hive-metastore-3.1.3-bin");
        assertThat(runtime.schemaScripts("derby").resolve("hive-schema-3.1.0.derby.sql")).isRegularFile();
    }

    @Test
    void aMissing31RuntimeNamesItsOwnModule() {
        assertThatThrownBy(() -> MetastoreRuntime.locate(MetastoreLine.HIVE_3_1,
                Map.of("strait.hms.runtime3", "/no/such/runtime")::get, name -> null))
                .hasMessageContaining("Hive Metastore 3.1.3 runtime")
                .hasMessageContaining("mvn -pl hms-runtime-3 package")
                .hasMessageContaining("-Dstrait.hms.runtime3=");
    }
}
