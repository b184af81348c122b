package io.quarkiverse.bedrock.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.runtime.BedrockClientRecorder;
import io.quarkiverse.bedrock.runtime.BedrockClientRegistry;
import io.quarkiverse.bedrock.runtime.FamilyRegistryRecorder;
import io.quarkiverse.bedrock.runtime.config.BedrockRuntimeConfig;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;
import io.quarkiverse.bedrock.spi.BedrockKeyStore;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;

class BedrockProcessor {

    static final String FEATURE = "bedrock";
    private static final DotName BEDROCK = DotName.createSimple(Bedrock.class);

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                // the qualifier joins the bean archive index, where ArC looks it up to generate its literals
                .addBeanClasses(BedrockClientRegistry.class, BedrockKeyStore.class, Bedrock.class)
                .setUnremovable().build();
    }

    /**
     * One {@code BedrockClient} bean per client: the default one ({@code @Inject BedrockClient} or {@code @Bedrock}) and
     * one {@code @Bedrock("name")} per name used in an injection point or configured as
     * {@code quarkus.aws-bedrock."name".*}. Each is the registry's client of that name.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void clientBeans(CombinedIndexBuildItem index, BedrockClientRecorder recorder,
            BuildProducer<SyntheticBeanBuildItem> beans) {
        Set<String> names = new TreeSet<>(ConfiguredClients.names(ConfigProvider.getConfig().getPropertyNames()));
        for (AnnotationInstance qualifier : index.getIndex().getAnnotations(BEDROCK)) {
            AnnotationValue value = qualifier.value();
            if (value != null && !value.asString().isEmpty()) {
                names.add(value.asString());
            }
        }
        names.remove(BedrockRuntimeConfig.DEFAULT_CLIENT);
        beans.produce(clientBean(recorder, BedrockRuntimeConfig.DEFAULT_CLIENT)
                .addQualifier(DotName.createSimple(Default.class))
                .addQualifier(AnnotationInstance.builder(BEDROCK).add("value", "").build())
                .done());
        for (String name : names) {
            beans.produce(clientBean(recorder, name)
                    .addQualifier(AnnotationInstance.builder(BEDROCK).add("value", name).build())
                    .done());
        }
    }

    private static SyntheticBeanBuildItem.ExtendedBeanConfigurator clientBean(BedrockClientRecorder recorder, String name) {
        return SyntheticBeanBuildItem.configure(BedrockClient.class)
                .scope(ApplicationScoped.class)
                .setRuntimeInit()
                .unremovable()
                .addInjectionPoint(ClassType.create(DotName.createSimple(BedrockClientRegistry.class)))
                .createWith(recorder.client(name));
    }

    /** The model catalogue (capabilities per model) and the one applications may add, read at run time. */
    @BuildStep
    NativeImageResourceBuildItem modelCatalogue() {
        return new NativeImageResourceBuildItem("META-INF/quarkus-aws-bedrock/models.json",
                "META-INF/quarkus-aws-bedrock/models-extra.json");
    }

    /** Types that applications commonly (de)serialise with Jackson, e.g. when returning a ChatResponse from a REST endpoint. */
    @BuildStep
    ReflectiveClassBuildItem reflection() {
        return ReflectiveClassBuildItem.builder(ChatResponse.class, Usage.class, StopReason.class, Message.class,
                BedrockOptions.class)
                .methods().fields().constructors().build();
    }

    /** Every chunk and content block record, for applications that serialise them (e.g. as server-sent events). */
    @BuildStep
    ReflectiveClassBuildItem sealedRecordsReflection() {
        List<Class<?>> types = new ArrayList<>(List.of(Chunk.class.getPermittedSubclasses()));
        types.addAll(List.of(ContentBlock.class.getPermittedSubclasses()));
        types.addAll(List.of(ToolChoice.class.getPermittedSubclasses()));
        types.add(Tool.class);
        return ReflectiveClassBuildItem.builder(types.toArray(Class<?>[]::new))
                .methods().fields().constructors().build();
    }

    /** Claude: its native Messages API and its Converse fields (thinking, prompt caching). */
    @BuildStep
    ModelFamilyBuildItem anthropicFamily() {
        return new ModelFamilyBuildItem(AnthropicFamily.class.getName());
    }

    /** Collects every model family (ours and other extensions') into the runtime registry bean. */
    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    SyntheticBeanBuildItem familyRegistry(List<ModelFamilyBuildItem> families, FamilyRegistryRecorder recorder,
            BuildProducer<ReflectiveClassBuildItem> reflection) {
        List<String> classes = families.stream().map(ModelFamilyBuildItem::getClassName).distinct().toList();
        if (!classes.isEmpty()) {
            reflection.produce(ReflectiveClassBuildItem.builder(classes.toArray(String[]::new)).constructors().build());
        }
        return SyntheticBeanBuildItem.configure(FamilyRegistry.class)
                .scope(Singleton.class)
                .unremovable()
                .supplier(recorder.registry(classes))
                .done();
    }
}
