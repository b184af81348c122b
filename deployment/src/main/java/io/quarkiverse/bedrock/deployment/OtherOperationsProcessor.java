package io.quarkiverse.bedrock.deployment;

import io.quarkiverse.bedrock.runtime.operations.OperationsApi;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;

/** Makes the REST client of the operations without a model (guardrails, async invocations) known to the build. */
class OtherOperationsProcessor {

    @BuildStep
    AdditionalIndexedClassesBuildItem operationsRestClient() {
        return new AdditionalIndexedClassesBuildItem(OperationsApi.class.getName());
    }
}
