{{/* The release's full name, at most 63 characters (a DNS label). */}}
{{- define "console.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "console.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* Selector labels of one role: include "console.selector" (list . "api") */}}
{{- define "console.selector" -}}
{{- $ctx := index . 0 -}}
app.kubernetes.io/name: {{ $ctx.Chart.Name }}
app.kubernetes.io/instance: {{ $ctx.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "console.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "console.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "console.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/*
The pod spec both roles share: include "console.pod" (dict "ctx" . "role" "api" "values" .Values.api "args" (list ...) "env" (list ...))
*/}}
{{- define "console.pod" -}}
{{- $ctx := .ctx -}}
{{- $v := $ctx.Values -}}
serviceAccountName: {{ include "console.serviceAccountName" $ctx }}
automountServiceAccountToken: false
terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
{{- with $v.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml $v.podSecurityContext | nindent 2 }}
containers:
  - name: {{ .role }}
    image: {{ include "console.image" $ctx }}
    imagePullPolicy: {{ $v.image.pullPolicy }}
    command: [node, packages/backend]
    args:
      {{- range .args }}
      - {{ . | quote }}
      {{- end }}
    ports:
      - name: http
        containerPort: 7007
        protocol: TCP
    envFrom:
      - secretRef:
          name: {{ required "existingSecret: name the Secret that holds the console's secrets" $v.existingSecret }}
    env:
      - name: NODE_ENV
        value: production
      - name: APP_BASE_URL
        value: {{ $v.baseUrl | quote }}
      - name: BACKEND_BASE_URL
        value: {{ $v.baseUrl | quote }}
      {{- range $name, $value := $v.env }}
      - name: {{ $name }}
        value: {{ $value | quote }}
      {{- end }}
      {{- with $v.tracing.otlpEndpoint }}
      - name: OTEL_EXPORTER_OTLP_ENDPOINT
        value: {{ . | quote }}
      - name: NODE_OPTIONS
        value: --require /app/instrumentation.js
      {{- end }}
      {{- with .env }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
      {{- with $v.extraEnv }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    startupProbe:
      httpGet:
        path: /.backstage/health/v1/liveness
        port: http
      periodSeconds: {{ $v.probes.startup.periodSeconds }}
      failureThreshold: {{ $v.probes.startup.failureThreshold }}
    readinessProbe:
      httpGet:
        path: /.backstage/health/v1/readiness
        port: http
      periodSeconds: {{ $v.probes.readiness.periodSeconds }}
      timeoutSeconds: {{ $v.probes.readiness.timeoutSeconds }}
      failureThreshold: {{ $v.probes.readiness.failureThreshold }}
    livenessProbe:
      httpGet:
        path: /.backstage/health/v1/liveness
        port: http
      periodSeconds: {{ $v.probes.liveness.periodSeconds }}
      timeoutSeconds: {{ $v.probes.liveness.timeoutSeconds }}
      failureThreshold: {{ $v.probes.liveness.failureThreshold }}
    resources:
      {{- toYaml .values.resources | nindent 6 }}
    securityContext:
      {{- toYaml $v.securityContext | nindent 6 }}
    volumeMounts:
      - name: config
        mountPath: /etc/ai-ops-console
        readOnly: true
      - name: tmp
        mountPath: /tmp
      {{- with $v.extraVolumeMounts }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
volumes:
  - name: config
    configMap:
      name: {{ include "console.fullname" $ctx }}
  - name: tmp
    emptyDir:
      sizeLimit: {{ $v.tmpSizeLimit }}
  {{- with $v.extraVolumes }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
topologySpreadConstraints:
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "console.selector" (list $ctx .role) | nindent 8 }}
{{- end -}}

{{/* Pod annotations of one role: the config's checksum rolls the pods when it changes. */}}
{{- define "console.podAnnotations" -}}
{{- $ctx := .ctx -}}
checksum/config: {{ include (print $ctx.Template.BasePath "/configmap.yaml") $ctx | sha256sum }}
{{- with .values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}
