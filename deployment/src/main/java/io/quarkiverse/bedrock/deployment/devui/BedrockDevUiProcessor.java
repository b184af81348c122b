package io.quarkiverse.bedrock.deployment.devui;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.bedrock.deployment.ModelFamilyBuildItem;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/** The Bedrock card of the Dev UI: the client's endpoint, region and credential source, and the native families. */
public class BedrockDevUiProcessor {

    /**
     * @param registered the registered model families
     * @param devServices the running Dev Services, the emulator among them when it was started
     * @return the card
     */
    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(List<ModelFamilyBuildItem> registered, List<DevServicesResultBuildItem> devServices) {
        Config config = ConfigProvider.getConfig();
        Map<String, String> emulator = devServices.stream().filter(d -> "bedrock".equals(d.getName())).findFirst()
                .map(DevServicesResultBuildItem::getConfig).orElse(Map.of());
        ClientSummary summary = new ClientSummary(key -> config.getOptionalValue(key, String.class),
                name -> Optional.ofNullable(System.getenv(name)));

        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("client", summary.rows(emulator));
        card.addPage(Page.tableDataPageBuilder("Client")
                .icon("font-awesome-solid:cloud")
                .buildTimeDataKey("client")
                .showColumn("setting")
                .showColumn("value"));
        List<Map<String, String>> families = registered.stream().map(ModelFamilyBuildItem::getClassName).distinct()
                .sorted().map(c -> Map.of("family", c)).toList();
        card.addBuildTimeData("families", families);
        card.addPage(Page.tableDataPageBuilder("Model families")
                .icon("font-awesome-solid:layer-group")
                .buildTimeDataKey("families")
                .showColumn("family")
                .staticLabel(String.valueOf(families.size())));
        return card;
    }
}
