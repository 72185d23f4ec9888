"""One stage of the SG Cars Trends platform as one Terraform stack.

Why one stack per stage: each stage has its own state key, providers and
resources, so `cdktf deploy <stage>` touches exactly one stage.

Composition: one method per concern, each storing its construct on `self`
(`secrets`, `api`, `web`, ...) so later concerns (CDN, DNS, monitoring) wire
to them by attribute. Construct IDs here are Terraform addresses: never
rename one without a `move_to`.
"""

from __future__ import annotations

from modules.api.api_service import ApiService, ApiServiceProps
from modules.app.bindings import Construct, TerraformOutput, TerraformStack
from modules.app.deployment_target import DeploymentTarget
from modules.app.protection import protect_stack
from modules.app.providers import configure_providers
from modules.app.secrets import Secrets, contract_environment
from modules.compute.environment_key import EnvironmentKey
from modules.compute.lambda_artifact import (
    API_ARTIFACT_VARIABLE,
    WEB_ARTIFACT_VARIABLE,
    artifact_from_environ,
)
from modules.edge.cdn import Cdn, CdnProps
from modules.edge.cdn_logs import CdnLogs
from modules.edge.certificates import DnsValidatedCertificate, api_certificate_props, cdn_certificate_props
from modules.edge.dns_records import DnsRecords, ZoneId, stage_dns_props
from modules.edge.web_acl import WebAcl, WebAclProps
from modules.monitoring.alarm_notifier import AlarmNotifier, AlarmNotifierProps
from modules.monitoring.monitoring import ApiMetrics, FunctionMetrics, Monitoring, MonitoringProps
from modules.schedule.data_schedule import DataSchedule, DataScheduleProps
from modules.state.backend import BackendSettings, configure_s3_backend
from modules.web.site import Web, WebProps
from modules.web.web_artifact import web_hosting_from_environ
from stages import ZONE_NAME, Stage
from stages.app_contract import App


class PlatformStack(TerraformStack):
    """The whole platform for one stage, named after the stage."""

    def __init__(
        self,
        scope: Construct,
        stage: Stage,
        backend: BackendSettings,
        target: DeploymentTarget | None = None,
    ) -> None:
        super().__init__(scope, stage.name)
        self.stage = stage
        self.target = target or DeploymentTarget()
        protect_stack(self, stage.protection)
        configure_s3_backend(self, stage.name, backend)
        self.providers = configure_providers(self, stage, self.target)
        self.zone_id = self._zone_id()
        self.secrets = Secrets(self, "secrets")
        self.environment_key = EnvironmentKey(self, "environment_key", stage)
        self.api_certificate = self._api_certificate()
        self.api = self._api()
        self.web = self._web()
        self.data_schedule = self._data_schedule()
        self._add_edge()
        self._add_monitoring()
        self._outputs()

    def _zone_id(self) -> str | None:
        """The Cloudflare zone's ID (variable or lookup); None where Cloudflare is left out."""
        if not self.target.includes_cloudflare:
            return None
        return ZoneId(self, "zone", ZONE_NAME).value

    def _api_certificate(self) -> DnsValidatedCertificate:
        """Regional certificate for the API's custom domain, validated through Cloudflare."""
        props = api_certificate_props(
            self.stage, self.zone_id, self.target.validates_certificates, self.providers.aws_primary
        )
        return DnsValidatedCertificate(self, "api_certificate", self.stage, props)

    def _api(self) -> ApiService:
        """The Hono API: Lambda + HTTP API + custom domain. Code from SGCT_API_ARTIFACT, else placeholder
        (which keeps deployed code; an error with SGCT_REQUIRE_ARTIFACTS=1)."""
        return ApiService(
            self,
            "api",
            self.stage,
            ApiServiceProps(
                certificate_arn=self.api_certificate.certificate_arn,
                custom_domain_enabled=self.target.includes_api_custom_domain,
                environment=contract_environment(self.stage, App.API, self.secrets),
                kms_key_arn=self.environment_key.key_arn,
                code_path=artifact_from_environ(API_ARTIFACT_VARIABLE, owner=self._function_owner("api")),
                authorizer_token=self.secrets.reference("SG_CARS_TRENDS_API_TOKEN"),
                function_url_enabled=self._runs_data_schedule,
            ),
        )

    @property
    def _runs_data_schedule(self) -> bool:
        return self.stage.runs_data_schedule and self.target.includes_upstash

    def _data_schedule(self) -> DataSchedule | None:
        """QStash calls the API function's URL on the stage's cron (permanent stages, real targets)."""
        if not self._runs_data_schedule or self.api.function_url is None:
            return None
        return DataSchedule(
            self,
            "data_schedule",
            self.stage,
            DataScheduleProps(
                function_url=self.api.function_url.function_url,
                bearer_token=self.secrets.reference("SG_CARS_TRENDS_API_TOKEN"),
            ),
        )

    def _function_owner(self, suffix: str) -> str:
        """How artifact errors name a function: `Lambda sgcarstrends-<stage>-<suffix>`."""
        return f"Lambda {self.stage.name_for(suffix)}"

    def _web(self) -> Web:
        """The Next.js app as OpenNext hosts it: the build in SGCT_WEB_ARTIFACT (an OpenNext output),
        else infrastructure-only mode (placeholders; an error with SGCT_REQUIRE_ARTIFACTS=1)."""
        return Web(
            self,
            "web",
            self.stage,
            WebProps(
                hosting=web_hosting_from_environ(
                    artifact_from_environ(WEB_ARTIFACT_VARIABLE, owner=self._function_owner("web"))
                ),
                environment=contract_environment(self.stage, App.WEB, self.secrets),
                kms_key_arn=self.environment_key.key_arn,
            ),
        )

    def _add_edge(self) -> None:
        """CloudFront with its us-east-1 certificate, then Cloudflare records for every hostname."""
        self.cdn_certificate = self.cdn = self.cdn_logs = self.dns = self.web_acl = None
        if not self.target.includes_cdn:
            return
        self.cdn_certificate = DnsValidatedCertificate(
            self,
            "cdn_certificate",
            self.stage,
            cdn_certificate_props(
                self.stage, self.zone_id, self.target.validates_certificates, self.providers.aws_global
            ),
        )
        self.cdn_logs = CdnLogs(self, "cdn_logs", self.stage)
        settings = self.stage.settings
        self.web_acl = (
            WebAcl(
                self,
                "web_acl",
                self.stage,
                WebAclProps(provider=self.providers.aws_global, rate_limit=settings.waf_rate_limit),
            )
            if settings.waf_enabled
            else None
        )
        self.cdn = Cdn(
            self,
            "cdn",
            self.stage,
            CdnProps(
                certificate_arn=self.cdn_certificate.certificate_arn,
                assets_bucket_regional_domain_name=self.web.bucket_regional_domain_name,
                ssr_origin_domain=self.web.ssr_origin_domain,
                log_bucket_domain_name=self.cdn_logs.domain_name,
                web_acl_arn=self.web_acl.arn if self.web_acl else None,
                image_origin_domain=self.web.image_origin_domain,
                routes=self.web.hosting.routes,
                assets_origin_path=self.web.hosting.assets_prefix,
            ),
        )
        self.web.grant_read_to_distribution(self.cdn.distribution_arn)
        if self.target.includes_cloudflare and self.api.domain_target_name is not None:
            self.dns = DnsRecords(
                self,
                "dns",
                self.stage,
                stage_dns_props(self.stage, self.cdn.domain_name, self.api.domain_target_name, self.zone_id),
            )
        TerraformOutput(self, "cdn_domain_name", value=self.cdn.domain_name)
        TerraformOutput(self, "cdn_distribution_id", value=self.cdn.distribution_id)

    def _add_monitoring(self) -> None:
        """Alarms on both functions, the API and CloudFront, the API's `/health` check; the notifier."""
        functions = tuple(
            FunctionMetrics(
                label,
                fn.metric_errors(),
                fn.metric_invocations(),
                fn.metric_throttles(),
                fn.metric_duration("p99"),
                fn.timeout_seconds,
                max_memory_used=fn.metric_max_memory_used(),
                memory_mb=fn.memory_mb,
            )
            for label, fn in (("api", self.api.function), ("web", self.web.function))
        )
        settings = self.stage.settings
        self.monitoring = Monitoring(
            self,
            "monitoring",
            self.stage,
            MonitoringProps(
                functions=functions,
                api=ApiMetrics(errors_5xx=self.api.metric_5xx(), latency=self.api.metric_latency()),
                web_latency=self.web.function.metric_duration("p95"),
                cdn_5xx_rate=self.cdn.metric_5xx_rate() if self.cdn else None,
                cdn_requests=self.cdn.metric_requests() if self.cdn else None,
                health_check_domain=self.stage.api_domain if settings.health_check_enabled else None,
                health_check_interval_seconds=settings.health_check_interval_seconds,
                global_provider=self.providers.aws_global,
            ),
        )
        topics = (self.monitoring.topic, self.monitoring.global_topic)
        self.alarm_notifier = AlarmNotifier(
            self,
            "alarm_notifier",
            self.stage,
            AlarmNotifierProps(
                webhook_url=self.secrets.reference("DISCORD_WEBHOOK_URL"),
                topics=tuple(topic for topic in topics if topic is not None),
                emails=self.stage.settings.alarm_emails,
            ),
        )

    def _outputs(self) -> None:
        """Non-secret values the harness and CI read with `terraform output`."""
        TerraformOutput(self, "api_endpoint", value=self.api.api_endpoint)
        TerraformOutput(self, "api_function_name", value=self.api.function.function_name)
        TerraformOutput(self, "web_function_url", value=self.web.server.function_url.function_url)
        TerraformOutput(self, "web_assets_bucket", value=self.web.bucket_name)
        TerraformOutput(self, "web_image_function_url", value=self.web.image.function_url.function_url)
        TerraformOutput(self, "web_tag_cache_table", value=self.web.tag_cache.table_name)
        TerraformOutput(self, "web_revalidation_queue_url", value=self.web.revalidation_queue.queue_url)
