{{/*
Names.
*/}}
{{- define "granary.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name, at most 45 characters: "<fullname>-worker" stays within the 52 characters
a StatefulSet name may have for its controller-revision-hash label to be valid, and every other
object name derived from it stays a valid DNS label.
*/}}
{{- define "granary.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 45 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 45 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 45 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "granary.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "granary.labels" -}}
helm.sh/chart: {{ include "granary.chart" . }}
{{ include "granary.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "granary.selectorLabels" -}}
app.kubernetes.io/name: {{ include "granary.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Orleans identity. Both default to the release's full name.
*/}}
{{- define "granary.serviceId" -}}
{{- default (include "granary.fullname" .) .Values.orleans.serviceId }}
{{- end }}

{{- define "granary.clusterId" -}}
{{- default (include "granary.fullname" .) .Values.orleans.clusterId }}
{{- end }}

{{/*
The labels Orleans' Kubernetes hosting selects this cluster's pods by
(KubernetesHostingOptions.ServiceIdLabel / ClusterIdLabel).
*/}}
{{- define "granary.orleansLabels" -}}
orleans/serviceId: {{ include "granary.serviceId" . | quote }}
orleans/clusterId: {{ include "granary.clusterId" . | quote }}
{{- end }}

{{- define "granary.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "granary.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Images.
*/}}
{{- define "granary.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag }}
{{- end }}

{{- define "granary.gatewayImage" -}}
{{- printf "%s:%s" .Values.image.repository (include "granary.imageTag" .) }}
{{- end }}

{{- define "granary.workerImage" -}}
{{- $repository := default .Values.image.repository .Values.worker.image.repository }}
{{- $tag := .Values.worker.image.tag }}
{{- if not $tag }}
{{- $tag = include "granary.imageTag" . }}
{{- if hasPrefix "cuda" (toString .Values.worker.device) }}
{{- $tag = printf "%s-cuda" $tag }}
{{- end }}
{{- end }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/*
Secrets.
*/}}
{{- define "granary.clusteringSecretName" -}}
{{- default (printf "%s-clustering" (include "granary.fullname" .)) .Values.orleans.clustering.existingSecret }}
{{- end }}

{{- define "granary.clusteringSecretKey" -}}
{{- if .Values.orleans.clustering.existingSecret }}
{{- .Values.orleans.clustering.existingSecretKey }}
{{- else -}}
connection-string
{{- end }}
{{- end }}

{{- define "granary.apiKeysSecretName" -}}
{{- default (printf "%s-api-keys" (include "granary.fullname" .)) .Values.apiKeys.existingSecret }}
{{- end }}

{{- define "granary.apiKeysSecretKey" -}}
{{- if .Values.apiKeys.existingSecret }}
{{- .Values.apiKeys.existingSecretKey }}
{{- else -}}
api-keys
{{- end }}
{{- end }}

{{- define "granary.apiKeysEnabled" -}}
{{- if or .Values.apiKeys.existingSecret .Values.apiKeys.keys (include "granary.apiKeysFileEnabled" .) }}true{{ end }}
{{- end }}

{{- define "granary.apiKeysFileEnabled" -}}
{{- if or .Values.apiKeys.keysFile.existingSecret .Values.apiKeys.keysFile.json }}true{{ end }}
{{- end }}

{{- define "granary.apiKeysFileSecretName" -}}
{{- default (printf "%s-api-keys-file" (include "granary.fullname" .)) .Values.apiKeys.keysFile.existingSecret }}
{{- end }}

{{- define "granary.apiKeysFileSecretKey" -}}
{{- if .Values.apiKeys.keysFile.existingSecret }}
{{- .Values.apiKeys.keysFile.existingSecretKey }}
{{- else -}}
api-keys.json
{{- end }}
{{- end }}

{{- define "granary.redisHost" -}}
{{- printf "%s-redis" (include "granary.fullname" .) }}
{{- end }}

{{/*
Fails the render on values that cannot work.
*/}}
{{- define "granary.validate" -}}
{{- $kind := toString .Values.orleans.clustering.kind }}
{{- if not (has $kind (list "redis" "adonet")) }}
{{- fail (printf "orleans.clustering.kind must be redis or adonet (got %q); localhost clustering only works inside one machine" $kind) }}
{{- end }}
{{- if and .Values.redis.enabled (ne $kind "redis") }}
{{- fail "redis.enabled (the bundled Redis) needs orleans.clustering.kind=redis" }}
{{- end }}
{{- if not (or .Values.redis.enabled .Values.orleans.clustering.existingSecret .Values.orleans.clustering.connectionString) }}
{{- fail "No membership store: set orleans.clustering.connectionString or orleans.clustering.existingSecret, or redis.enabled=true for a throwaway Redis" }}
{{- end }}
{{- if and .Values.worker.modelVolume.enabled (eq (toString .Values.worker.modelVolume.type) "pvc") (not .Values.worker.modelVolume.pvc.claimName) }}
{{- fail "worker.modelVolume.type=pvc needs worker.modelVolume.pvc.claimName" }}
{{- end }}
{{- if and .Values.worker.modelVolume.enabled (not (has (toString .Values.worker.modelVolume.type) (list "pvc" "hostPath"))) }}
{{- fail "worker.modelVolume.type must be pvc or hostPath" }}
{{- end }}
{{- end }}

{{/*
Command-line flags every silo shares: membership store and Orleans identity.
The connection string travels as GRANARY_CLUSTERING_CONNECTION (see granary.clusterEnv), never as an argument.
*/}}
{{- define "granary.clusterArgs" -}}
- "--clustering"
- {{ .Values.orleans.clustering.kind | quote }}
{{- if eq (toString .Values.orleans.clustering.kind) "adonet" }}
- "--adonet-invariant"
- {{ .Values.orleans.clustering.adonetInvariant | quote }}
{{- if .Values.orleans.clustering.createSchema }}
- "--clustering-init"
{{- end }}
{{- end }}
- "--service-id"
- {{ include "granary.serviceId" . | quote }}
- "--cluster-id"
- {{ include "granary.clusterId" . | quote }}
{{- if .Values.orleans.kubernetesHosting }}
- "--kubernetes"
{{- else }}
- "--advertise-address"
- "$(POD_IP)"
{{- end }}
{{- end }}

{{/*
Environment every silo shares: the pod identity Orleans' Kubernetes hosting reads
(POD_NAME, POD_NAMESPACE, POD_IP, ORLEANS_SERVICE_ID, ORLEANS_CLUSTER_ID) and the membership store.
*/}}
{{- define "granary.clusterEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
- name: ORLEANS_SERVICE_ID
  value: {{ include "granary.serviceId" . | quote }}
- name: ORLEANS_CLUSTER_ID
  value: {{ include "granary.clusterId" . | quote }}
- name: GRANARY_CLUSTERING_CONNECTION
{{- if .Values.redis.enabled }}
  value: {{ printf "%s:6379,abortConnect=false" (include "granary.redisHost" .) | quote }}
{{- else }}
  valueFrom:
    secretKeyRef:
      name: {{ include "granary.clusteringSecretName" . }}
      key: {{ include "granary.clusteringSecretKey" . }}
{{- end }}
{{- with .Values.otlp.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- with .Values.otlp.protocol }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/*
Annotation-based Prometheus discovery: every pod serves its own /metrics on the HTTP port.
*/}}
{{- define "granary.metricsAnnotations" -}}
{{- if .Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .Values.httpPort | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end }}

{{/*
Container ports every silo opens. Orleans' Kubernetes hosting listens on its defaults, 11111 and 30000,
whatever --silo-port / --gateway-port say, so the chart keeps those.
*/}}
{{- define "granary.containerPorts" -}}
- name: http
  containerPort: {{ .Values.httpPort | int }}
  protocol: TCP
- name: silo
  containerPort: 11111
  protocol: TCP
- name: orleans-gateway
  containerPort: 30000
  protocol: TCP
{{- end }}

{{/*
Checksum of the chart-made Secrets, so pods roll when keys or the connection string change.
*/}}
{{- define "granary.secretsChecksum" -}}
{{- include (print .Template.BasePath "/secrets.yaml") . | sha256sum }}
{{- end }}
