package io.strait.ops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of the design, checked on the compiled classes of every module. */
class ModuleBoundariesTest {
    private static JavaClasses strait;

    @BeforeAll
    static void importStrait() {
        strait = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.strait");
    }

    @Test
    void commonHoldsContractsOnlyWithoutHadoopHiveSparkOrJdbc() {
        noClasses().that().resideInAPackage("io.strait.common..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.hadoop..", "org.apache.hive..",
                        "org.apache.spark..", "java.sql..", "javax.sql..", "com.mysql..", "org.flywaydb..",
                        "org.quartz..")
                .check(strait);
    }

    @Test
    void theSchedulerNeverTouchesHadoopSparkOrTheDataPlane() {
        noClasses().that().resideInAPackage("io.strait.scheduler..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.hadoop..", "org.apache.spark..",
                        "io.strait.regionio..", "io.strait.sync..", "io.strait.reparo..")
                .check(strait);
    }

    @Test
    void theSyncEngineNeverTouchesQuartzOrJobTables() {
        noClasses().that().resideInAPackage("io.strait.sync..")
                .should().dependOnClassesThat().resideInAnyPackage("org.quartz..", "io.strait.sql..",
                        "io.strait.scheduler..", "java.sql..", "javax.sql..")
                .check(strait);
    }

    @Test
    void theListenerStaysSmallInsideTheMetastore() {
        noClasses().that().resideInAPackage("io.strait.listener..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.quartz..",
                        "io.strait.sql..", "io.strait.scheduler..", "io.strait.sync..", "com.zaxxer..",
                        "org.flywaydb..", "io.github.resilience4j..")
                .check(strait);
    }

    @Test
    void theThriftTranslationIsPureAndRunsInsideAMetastore() {
        noClasses().that().resideInAPackage("io.strait.thrift..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.hadoop.fs..", "org.apache.spark..",
                        "org.quartz..", "java.sql..", "javax.sql..", "io.strait.sql..", "io.strait.regionio..",
                        "io.strait.listener..", "io.strait.scheduler..", "io.strait.sync..", "io.strait.reparo..",
                        "com.fasterxml..", "org.slf4j..")
                .check(strait);
    }

    @Test
    void reparoAndTheStateStoreStayApart() {
        noClasses().that().resideInAnyPackage("io.strait.reparo..", "io.strait.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("io.strait.scheduler..", "io.strait.sync..",
                        "io.strait.ops..", "org.apache.spark..")
                .check(strait);
    }

    @Test
    void sparkStaysInSparkEngineAndOps() {
        noClasses().that().resideOutsideOfPackages("io.strait.spark..", "io.strait.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..",
                        "io.strait.spark..")
                .check(strait);
    }

    @Test
    void theSparkEngineNeverTouchesQuartzJobTablesOrTheScheduler() {
        noClasses().that().resideInAPackage("io.strait.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.quartz..", "io.strait.sql..",
                        "io.strait.scheduler..", "java.sql..", "javax.sql..")
                .check(strait);
    }

    @Test
    void onlyOpsWiresModulesTogether() {
        noClasses().that().resideOutsideOfPackages("io.strait.ops..")
                .should().dependOnClassesThat().resideInAPackage("io.strait.ops..")
                .check(strait);
    }
}
