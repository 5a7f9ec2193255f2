package deploy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/common/model"
	"go.yaml.in/yaml/v3"

	"github.com/claco/claco/internal/config"
	"github.com/claco/claco/internal/database"
)

// The tests run in deploy/; the repository root is its parent.
const root = ".."

// deployFiles returns the files under deploy/ and .github/workflows whose
// names end in one of exts, relative to deploy/.
func deployFiles(t *testing.T, exts ...string) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{".", filepath.Join(root, ".github", "workflows")} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && slices.Contains(exts, filepath.Ext(path)) {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) == 0 {
		t.Fatalf("no %v files under deploy/ or .github/workflows", exts)
	}
	return files
}

// loadYAML parses every document of a YAML file (empty documents dropped).
func loadYAML(t *testing.T, path string) []any {
	t.Helper()
	docs, err := parseYAML(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return docs
}

func parseYAML(path string) ([]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var docs []any
	for i := 1; ; i++ {
		var doc any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("document %d: %w", i, err)
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
}

// loadOne parses a YAML file that must hold exactly one document, a mapping.
func loadOne(t *testing.T, path string) map[string]any {
	t.Helper()
	docs := loadYAML(t, path)
	if len(docs) != 1 {
		t.Fatalf("%s: %d documents, want 1", path, len(docs))
	}
	m, ok := docs[0].(map[string]any)
	if !ok {
		t.Fatalf("%s: the document is a %T, want a mapping", path, docs[0])
	}
	return m
}

// get walks mappings by key; nil when a key is missing.
func get(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func str(v any, keys ...string) string {
	s, _ := get(v, keys...).(string)
	return s
}

func list(v any, keys ...string) []any {
	l, _ := get(v, keys...).([]any)
	return l
}

func mapping(v any, keys ...string) map[string]any {
	m, _ := get(v, keys...).(map[string]any)
	return m
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Every YAML file under deploy/ and .github/workflows parses, document by
// document, with no duplicate keys, and holds at least one document.
func TestYAMLFilesParse(t *testing.T) {
	for _, path := range deployFiles(t, ".yml", ".yaml") {
		docs, err := parseYAML(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if len(docs) == 0 {
			t.Errorf("%s: no YAML document", path)
		}
	}
}

// Every JSON file under deploy/ is valid JSON holding one object.
func TestJSONFilesParse(t *testing.T) {
	for _, path := range deployFiles(t, ".json") {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			t.Errorf("%s: more than one JSON value", path)
		}
	}
}

// ---- Kubernetes --------------------------------------------------------

type object struct {
	file string
	doc  map[string]any
}

func (o object) kind() string { return str(o.doc, "kind") }
func (o object) name() string { return str(o.doc, "metadata", "name") }

func kubernetesObjects(t *testing.T) []object {
	t.Helper()
	var objs []object
	files, _ := filepath.Glob(filepath.Join("kubernetes", "*.y*ml"))
	if len(files) == 0 {
		t.Fatal("no manifests in deploy/kubernetes")
	}
	for _, f := range files {
		for i, d := range loadYAML(t, f) {
			m, ok := d.(map[string]any)
			if !ok {
				t.Errorf("%s document %d: not a mapping", f, i+1)
				continue
			}
			objs = append(objs, object{file: f, doc: m})
		}
	}
	return objs
}

func find(t *testing.T, objs []object, kind, name string) object {
	t.Helper()
	for _, o := range objs {
		if o.kind() == kind && o.name() == name {
			return o
		}
	}
	t.Fatalf("no %s %q in deploy/kubernetes", kind, name)
	return object{}
}

// Every Kubernetes object names its apiVersion, kind and metadata.name (a
// Kustomization has no name), and lives in the claco namespace.
func TestKubernetesObjectsAreWellFormed(t *testing.T) {
	for _, o := range kubernetesObjects(t) {
		if str(o.doc, "apiVersion") == "" || o.kind() == "" {
			t.Errorf("%s: an object without apiVersion or kind", o.file)
			continue
		}
		switch o.kind() {
		case "Kustomization":
			continue
		case "Namespace":
		default:
			if ns := str(o.doc, "metadata", "namespace"); ns != "claco" {
				t.Errorf("%s: %s %s in namespace %q, want claco", o.file, o.kind(), o.name(), ns)
			}
		}
		if o.name() == "" {
			t.Errorf("%s: %s without metadata.name", o.file, o.kind())
		}
	}
}

// The kustomization lists every manifest except the example Secret, and
// only files that exist.
func TestKustomizationListsTheManifests(t *testing.T) {
	k := loadOne(t, filepath.Join("kubernetes", "kustomization.yaml"))
	listed := map[string]bool{}
	for _, r := range list(k, "resources") {
		name, _ := r.(string)
		listed[name] = true
		if !exists(filepath.Join("kubernetes", name)) {
			t.Errorf("kustomization.yaml lists %s, which does not exist", name)
		}
	}
	files, _ := filepath.Glob(filepath.Join("kubernetes", "*.yaml"))
	for _, f := range files {
		name := filepath.Base(f)
		switch {
		case name == "kustomization.yaml":
		case strings.Contains(name, ".example."):
			if listed[name] {
				t.Errorf("kustomization.yaml applies the example %s", name)
			}
		case !listed[name]:
			t.Errorf("kustomization.yaml does not list %s", name)
		}
	}
}

// podSpecs returns the pod specs of the Deployment and the CronJob.
func podSpec(o object) map[string]any {
	switch o.kind() {
	case "Deployment":
		return mapping(o.doc, "spec", "template", "spec")
	case "CronJob":
		return mapping(o.doc, "spec", "jobTemplate", "spec", "template", "spec")
	}
	return nil
}

func containers(spec map[string]any, field string) []map[string]any {
	var out []map[string]any
	for _, c := range list(spec, field) {
		if m, ok := c.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// The server's Deployment: probes on /readyz and /healthz, resources,
// non-root and unprivileged, settings from the ConfigMap and the Secret, the
// migration in an initContainer, and labels the Service and HPA find.
func TestKubernetesDeployment(t *testing.T) {
	objs := kubernetesObjects(t)
	dep := find(t, objs, "Deployment", "claco-server")
	spec := podSpec(dep)
	if get(spec, "securityContext", "runAsNonRoot") != true {
		t.Error("the pod does not set runAsNonRoot")
	}
	if uid, _ := get(spec, "securityContext", "runAsUser").(int); uid == 0 {
		t.Error("the pod runs as root")
	}
	all := append(containers(spec, "initContainers"), containers(spec, "containers")...)
	var server, migrate map[string]any
	for _, c := range all {
		switch str(c, "name") {
		case "server":
			server = c
		case "migrate":
			migrate = c
		}
		checkContainerHardened(t, dep.file, c)
	}
	if server == nil || migrate == nil {
		t.Fatalf("want a server container and a migrate initContainer")
	}
	if args := list(migrate, "args"); len(args) != 1 || args[0] != "migrate" {
		t.Errorf("the migrate initContainer runs %v, want [migrate] (server migrate)", args)
	}
	if str(migrate, "image") != str(server, "image") {
		t.Errorf("the migration runs image %s, the server %s", str(migrate, "image"), str(server, "image"))
	}
	for probe, path := range map[string]string{"readinessProbe": "/readyz", "livenessProbe": "/healthz"} {
		if got := str(server, probe, "httpGet", "path"); got != path {
			t.Errorf("%s GETs %q, want %s", probe, got, path)
		}
		port := get(server, probe, "httpGet", "port")
		if port != "http" && port != 8080 {
			t.Errorf("%s probes port %v, want the http port (8080)", probe, port)
		}
	}
	for _, r := range []string{"cpu", "memory"} {
		if get(server, "resources", "requests", r) == nil {
			t.Errorf("the server requests no %s (the HPA needs requests)", r)
		}
	}
	if get(server, "resources", "limits", "memory") == nil {
		t.Error("the server has no memory limit")
	}
	ports := map[any]bool{}
	for _, p := range list(server, "ports") {
		ports[get(p, "containerPort")] = true
	}
	if !ports[8080] || !ports[9090] {
		t.Errorf("container ports %v, want 8080 and 9090", ports)
	}

	// Settings: every referenced ConfigMap, Secret and key exists, and
	// together they are a valid production configuration.
	cm := find(t, objs, "ConfigMap", "claco-config")
	secret := find(t, objs, "Secret", "claco-secrets")
	for _, c := range all {
		checkEnvRefs(t, dep.file, c, cm, secret)
	}
	env := map[string]string{}
	for k, v := range mapping(cm.doc, "data") {
		env[k] = fmt.Sprint(v)
	}
	for k, v := range mapping(secret.doc, "stringData") {
		env[k] = fmt.Sprint(v)
	}
	checkProductionConfig(t, "the ConfigMap and the example Secret", env)
	if env["CLACO_ADMIN_ADDR"] != "0.0.0.0:9090" {
		t.Errorf("CLACO_ADMIN_ADDR=%q: Prometheus scrapes the pod on 9090", env["CLACO_ADMIN_ADDR"])
	}

	// The Service and the HPA find the Deployment's pods.
	labels := mapping(dep.doc, "spec", "template", "metadata", "labels")
	matches := func(sel map[string]any) bool {
		if len(sel) == 0 {
			return false
		}
		for k, v := range sel {
			if labels[k] != v {
				return false
			}
		}
		return true
	}
	if !matches(mapping(dep.doc, "spec", "selector", "matchLabels")) {
		t.Error("the Deployment's selector does not match its pod labels")
	}
	svc := find(t, objs, "Service", "claco-server")
	if !matches(mapping(svc.doc, "spec", "selector")) {
		t.Error("the Service's selector does not match the server's pods")
	}
	for _, p := range list(svc.doc, "spec", "ports") {
		if tp := get(p, "targetPort"); tp != "http" && tp != 8080 {
			t.Errorf("the Service targets port %v, want the API (http, 8080)", tp)
		}
	}
	hpa := find(t, objs, "HorizontalPodAutoscaler", "claco-server")
	if v := str(hpa.doc, "apiVersion"); v != "autoscaling/v2" {
		t.Errorf("the HPA is %s, want autoscaling/v2", v)
	}
	if str(hpa.doc, "spec", "scaleTargetRef", "kind") != "Deployment" || str(hpa.doc, "spec", "scaleTargetRef", "name") != dep.name() {
		t.Errorf("the HPA scales %v", get(hpa.doc, "spec", "scaleTargetRef"))
	}
	if mn, _ := get(hpa.doc, "spec", "minReplicas").(int); mn < 2 {
		t.Errorf("the HPA keeps %d replicas at least, want 2 or more", mn)
	}
	if pdb := find(t, objs, "PodDisruptionBudget", "claco-server"); !matches(mapping(pdb.doc, "spec", "selector", "matchLabels")) {
		t.Error("the PodDisruptionBudget does not select the server's pods")
	}
	if np := find(t, objs, "NetworkPolicy", "claco-server"); !matches(mapping(np.doc, "spec", "podSelector", "matchLabels")) {
		t.Error("the NetworkPolicy does not select the server's pods")
	}
	// Uploads live on the claim every replica shares.
	pvc := find(t, objs, "PersistentVolumeClaim", "claco-uploads")
	if !slices.Contains(list(pvc.doc, "spec", "accessModes"), any("ReadWriteMany")) {
		t.Error("the uploads claim is not ReadWriteMany, but every replica writes it")
	}
}

// The importer's CronJob runs the importer-scheduler image daily, once at a
// time, with only the secrets it needs.
func TestKubernetesCronJob(t *testing.T) {
	objs := kubernetesObjects(t)
	cj := find(t, objs, "CronJob", "claco-importer")
	if fields := strings.Fields(str(cj.doc, "spec", "schedule")); len(fields) != 5 {
		t.Errorf("schedule %q is not a five-field cron expression", str(cj.doc, "spec", "schedule"))
	}
	if str(cj.doc, "spec", "concurrencyPolicy") != "Forbid" {
		t.Error("two imports may run at once (concurrencyPolicy is not Forbid)")
	}
	spec := podSpec(cj)
	cs := containers(spec, "containers")
	if len(cs) != 1 {
		t.Fatalf("%d containers, want the importer", len(cs))
	}
	c := cs[0]
	checkContainerHardened(t, cj.file, c)
	if !strings.Contains(str(c, "image"), "claco-importer") {
		t.Errorf("the CronJob runs %s, want the importer-scheduler image (claco-importer)", str(c, "image"))
	}
	if get(c, "command") != nil {
		t.Error("the CronJob overrides the image's entrypoint (kopis-daily computes the dates)")
	}
	for _, a := range list(c, "args") {
		if a == "--loop" {
			t.Error("the CronJob runs kopis-daily --loop; a CronJob run imports once")
		}
	}
	checkEnvRefs(t, cj.file, c, find(t, objs, "ConfigMap", "claco-config"), find(t, objs, "Secret", "claco-secrets"))
	names := map[string]bool{}
	for _, e := range list(c, "env") {
		names[str(e, "name")] = true
	}
	for _, need := range []string{"CLACO_DATABASE_URL", "CLACO_KOPIS_KEY"} {
		if !names[need] {
			t.Errorf("the importer does not get %s", need)
		}
	}
	if names["CLACO_JWT_SECRET"] || get(c, "envFrom") != nil {
		t.Error("the importer gets more secrets than it needs")
	}
}

// The example Secret is clearly a placeholder: every value says REPLACE_ME,
// and no other manifest holds a secret.
func TestKubernetesSecretIsAnExample(t *testing.T) {
	for _, o := range kubernetesObjects(t) {
		if o.kind() != "Secret" {
			if o.kind() == "ConfigMap" {
				for k := range mapping(o.doc, "data") {
					if secretName(k) {
						t.Errorf("%s: ConfigMap key %s is a secret", o.file, k)
					}
				}
			}
			continue
		}
		if !strings.Contains(o.file, ".example.") {
			t.Errorf("%s: a Secret outside an example file", o.file)
		}
		if get(o.doc, "data") != nil {
			t.Errorf("%s: the example Secret has base64 data; use stringData placeholders", o.file)
		}
		values := mapping(o.doc, "stringData")
		if len(values) == 0 {
			t.Errorf("%s: no stringData", o.file)
		}
		for k, v := range values {
			if !strings.Contains(fmt.Sprint(v), "REPLACE_ME") {
				t.Errorf("%s: %s=%q is not a REPLACE_ME placeholder", o.file, k, v)
			}
		}
	}
}

// secretName reports whether a setting holds a secret.
func secretName(name string) bool {
	for _, s := range []string{"SECRET", "PASSWORD", "TOKEN", "_KEY", "DATABASE_URL"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

func checkContainerHardened(t *testing.T, file string, c map[string]any) {
	t.Helper()
	name := str(c, "name")
	if get(c, "securityContext", "allowPrivilegeEscalation") != false {
		t.Errorf("%s: container %s may escalate privileges", file, name)
	}
	if get(c, "securityContext", "readOnlyRootFilesystem") != true {
		t.Errorf("%s: container %s has a writable root filesystem", file, name)
	}
	if drop := list(c, "securityContext", "capabilities", "drop"); !slices.Contains(drop, any("ALL")) {
		t.Errorf("%s: container %s keeps its capabilities", file, name)
	}
	if str(c, "image") == "" {
		t.Errorf("%s: container %s has no image", file, name)
	}
}

// checkEnvRefs checks that a container's ConfigMap and Secret references
// name the given objects and keys that exist.
func checkEnvRefs(t *testing.T, file string, c map[string]any, cm, secret object) {
	t.Helper()
	for _, from := range list(c, "envFrom") {
		if n := str(from, "configMapRef", "name"); n != "" && n != cm.name() {
			t.Errorf("%s: envFrom names ConfigMap %s", file, n)
		}
		if n := str(from, "secretRef", "name"); n != "" && n != secret.name() {
			t.Errorf("%s: envFrom names Secret %s", file, n)
		}
	}
	for _, e := range list(c, "env") {
		if ref := mapping(e, "valueFrom", "secretKeyRef"); ref != nil {
			if str(ref, "name") != secret.name() || get(secret.doc, "stringData", str(ref, "key")) == nil {
				t.Errorf("%s: %s comes from Secret %s key %s, which the example Secret lacks", file, str(e, "name"), str(ref, "name"), str(ref, "key"))
			}
		}
		if ref := mapping(e, "valueFrom", "configMapKeyRef"); ref != nil {
			if str(ref, "name") != cm.name() || get(cm.doc, "data", str(ref, "key")) == nil {
				t.Errorf("%s: %s comes from ConfigMap %s key %s, which does not exist", file, str(e, "name"), str(ref, "name"), str(ref, "key"))
			}
		}
	}
}

// checkProductionConfig loads env as the server does: it must be a valid
// production configuration whose database URL the server accepts.
func checkProductionConfig(t *testing.T, what string, env map[string]string) {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Errorf("%s: the server would refuse to start: %v", what, err)
		return
	}
	if !cfg.Production() {
		t.Errorf("%s: CLACO_ENV is %q, want production", what, cfg.Env)
	}
	if !strings.HasPrefix(cfg.DatabaseURL, "mysql://") {
		t.Errorf("%s: CLACO_DATABASE_URL %q is not MySQL", what, cfg.DatabaseURL)
		return
	}
	db, err := database.Open(cfg.DatabaseURL) // checks the URL, connects to nothing
	if err != nil {
		t.Errorf("%s: CLACO_DATABASE_URL: %v", what, err)
		return
	}
	_ = db.Close()
	if strings.Contains(cfg.DatabaseURL, "?") {
		t.Errorf("%s: CLACO_DATABASE_URL has parameters; the server sets its own (they would be sent as session variables)", what)
	}
}

// ---- docker compose --------------------------------------------------------

func compose(t *testing.T) map[string]any { return loadOne(t, "docker-compose.yml") }

// readEnvFile reads KEY=VALUE lines (comments and blank lines skipped).
func readEnvFile(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	env := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			t.Errorf("%s:%d: not KEY=VALUE: %q", path, n, line)
			continue
		}
		env[k] = v
	}
	return env
}

// envFiles returns the env_file paths of a service, in any of compose's forms.
func envFiles(svc any) []string {
	var out []string
	switch v := get(svc, "env_file").(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, e := range v {
			switch e := e.(type) {
			case string:
				out = append(out, e)
			case map[string]any:
				out = append(out, str(e, "path"))
			}
		}
	}
	return out
}

// environment returns a service's environment, in either of compose's forms.
func environment(svc any) map[string]string {
	env := map[string]string{}
	switch v := get(svc, "environment").(type) {
	case map[string]any:
		for k, val := range v {
			env[k] = fmt.Sprint(val)
		}
	case []any:
		for _, e := range v {
			k, val, _ := strings.Cut(fmt.Sprint(e), "=")
			env[k] = val
		}
	}
	return env
}

// Everything a compose service names exists: build contexts, Dockerfiles and
// their targets, env files (or their .example templates), bind-mounted
// files, named volumes and the services it depends on.
func TestComposeReferencesExist(t *testing.T) {
	c := compose(t)
	services := mapping(c, "services")
	if len(services) == 0 {
		t.Fatal("no services")
	}
	volumes := mapping(c, "volumes")
	for name, svc := range services {
		if str(svc, "image") == "" && get(svc, "build") == nil {
			t.Errorf("service %s has neither image nor build", name)
		}
		if b := get(svc, "build"); b != nil {
			ctx, _ := b.(string)
			if ctx == "" {
				ctx = str(b, "context")
			}
			dockerfile := str(b, "dockerfile")
			if dockerfile == "" {
				dockerfile = "Dockerfile"
			}
			path := filepath.Join(ctx, dockerfile)
			if !exists(path) {
				t.Errorf("service %s builds %s, which does not exist", name, path)
			} else if target := str(b, "target"); target != "" {
				if _, ok := parseDockerfile(t, path).stage(target); !ok {
					t.Errorf("service %s builds target %s, which %s lacks", name, target, path)
				}
			}
		}
		for _, f := range envFiles(svc) {
			if !exists(f) && !exists(f+".example") {
				t.Errorf("service %s reads env file %s; neither it nor %s.example exists", name, f, f)
			}
		}
		for _, v := range list(svc, "volumes") {
			var src string
			switch v := v.(type) {
			case string:
				src, _, _ = strings.Cut(v, ":")
			case map[string]any:
				src = str(v, "source")
			}
			switch {
			case strings.HasPrefix(src, ".") || strings.HasPrefix(src, "/"):
				if !exists(src) {
					t.Errorf("service %s mounts %s, which does not exist", name, src)
				}
			case src != "":
				if _, ok := volumes[src]; !ok {
					t.Errorf("service %s mounts volume %s, which is not declared", name, src)
				}
			}
		}
		var deps []string
		switch d := get(svc, "depends_on").(type) {
		case []any:
			for _, s := range d {
				deps = append(deps, fmt.Sprint(s))
			}
		case map[string]any:
			for s := range d {
				deps = append(deps, s)
			}
		}
		for _, d := range deps {
			if _, ok := services[d]; !ok {
				t.Errorf("service %s depends on %s, which is not a service", name, d)
			}
		}
	}
	for _, need := range []string{"mysql", "redis", "server", "importer", "prometheus", "grafana"} {
		if _, ok := services[need]; !ok {
			t.Errorf("no %s service", need)
		}
	}
	if !strings.HasPrefix(str(services, "mysql", "image"), "mysql:8") {
		t.Errorf("mysql runs %s, want MySQL 8", str(services, "mysql", "image"))
	}
	for _, s := range []string{"mysql", "redis", "server"} {
		if get(services, s, "healthcheck", "test") == nil {
			t.Errorf("service %s has no healthcheck", s)
		}
	}
}

// The compose server: production settings from claco.env(.example) that the
// server accepts, MySQL and Redis on the compose network, and the admin
// listener open to that network only.
func TestComposeServer(t *testing.T) {
	services := mapping(compose(t), "services")
	server := get(services, "server")
	env := map[string]string{}
	for _, f := range envFiles(server) {
		path := f
		if !exists(path) {
			path += ".example"
		}
		for k, v := range readEnvFile(t, path) {
			env[k] = v
		}
	}
	for k, v := range environment(server) {
		env[k] = v
	}
	checkProductionConfig(t, "the compose server's environment", env)
	if host := hostOf(t, env["CLACO_DATABASE_URL"]); host != "mysql" {
		t.Errorf("CLACO_DATABASE_URL points at %q, want the mysql service", host)
	}
	if host := hostOf(t, env["CLACO_REDIS_URL"]); host != "redis" {
		t.Errorf("CLACO_REDIS_URL points at %q, want the redis service", host)
	}
	_, adminPort, err := net.SplitHostPort(env["CLACO_ADMIN_ADDR"])
	if err != nil || !strings.HasPrefix(env["CLACO_ADMIN_ADDR"], "0.0.0.0:") {
		t.Errorf("CLACO_ADMIN_ADDR=%q: want 0.0.0.0:PORT for Prometheus on the compose network", env["CLACO_ADMIN_ADDR"])
	}
	for _, p := range list(server, "ports") {
		spec := fmt.Sprint(p)
		if m, ok := p.(map[string]any); ok {
			spec = fmt.Sprint(m["target"])
		}
		if parts := strings.Split(spec, ":"); parts[len(parts)-1] == adminPort {
			t.Errorf("the server publishes the admin port: %s", spec)
		}
	}
	// The importer gets what `importer kopis` needs.
	imp := get(services, "importer")
	ienv := map[string]string{}
	for _, f := range envFiles(imp) {
		path := f
		if !exists(path) {
			path += ".example"
		}
		for k, v := range readEnvFile(t, path) {
			ienv[k] = v
		}
	}
	for _, need := range []string{"CLACO_DATABASE_URL", "CLACO_KOPIS_KEY"} {
		if ienv[need] == "" {
			t.Errorf("the importer service lacks %s", need)
		}
	}
	if str(imp, "build", "target") != "importer-scheduler" {
		t.Errorf("the importer builds target %q, want importer-scheduler", str(imp, "build", "target"))
	}
	if cmd := list(imp, "command"); len(cmd) == 0 || cmd[0] != "--loop" {
		t.Errorf("the importer runs %v, want kopis-daily --loop (nothing else schedules it in compose)", cmd)
	}
}

func hostOf(t *testing.T, rawURL string) string {
	t.Helper()
	_, rest, _ := strings.Cut(rawURL, "://")
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		rest = rest[at+1:]
	}
	hostport, _, _ := strings.Cut(rest, "/")
	host, _, err := net.SplitHostPort(hostport)
	if err != nil {
		return hostport
	}
	return host
}

// The env templates hold placeholders only, and the filled-in files are
// ignored by git and by the Docker build.
func TestEnvTemplatesArePlaceholders(t *testing.T) {
	templates, _ := filepath.Glob("*.env.example")
	if len(templates) == 0 {
		t.Fatal("no env templates")
	}
	for _, f := range templates {
		for k, v := range readEnvFile(t, f) {
			if secretName(k) && !strings.Contains(v, "REPLACE_ME") {
				t.Errorf("%s: %s=%q is a secret but no REPLACE_ME placeholder", f, k, v)
			}
		}
	}
	ignore, err := os.ReadFile(".gitignore")
	if err != nil || !strings.Contains(string(ignore), "*.env") {
		t.Error("deploy/.gitignore does not ignore the filled-in *.env files")
	}
	di := readDockerignore(t)
	for _, f := range []string{"deploy/claco.env", "deploy/mysql.env", ".env"} {
		if !di.excluded(f) {
			t.Errorf(".dockerignore sends %s to the builder", f)
		}
	}
}

// Prometheus scrapes the server's admin port and the Pushgateway on the
// compose network, loads the alert rules compose mounts, and Grafana's
// datasource is that Prometheus.
func TestPrometheusConfig(t *testing.T) {
	services := mapping(compose(t), "services")
	prom := loadOne(t, filepath.Join("prometheus", "prometheus.yml"))
	mounts := map[string]string{} // container path -> host path
	for _, v := range list(services, "prometheus", "volumes") {
		parts := strings.Split(fmt.Sprint(v), ":")
		if len(parts) >= 2 {
			mounts[parts[1]] = parts[0]
		}
	}
	rules := list(prom, "rule_files")
	if len(rules) == 0 {
		t.Error("prometheus.yml loads no rule files")
	}
	for _, r := range rules {
		host, ok := mounts[fmt.Sprint(r)]
		if !ok {
			t.Errorf("rule file %v is not mounted into the prometheus service", r)
			continue
		}
		if filepath.Clean(host) != filepath.Join("prometheus", "alerts.yml") {
			t.Errorf("rule file %v is %s, want prometheus/alerts.yml", r, host)
		}
	}
	if mounts["/etc/prometheus/prometheus.yml"] == "" {
		t.Error("prometheus.yml is not mounted as /etc/prometheus/prometheus.yml")
	}
	jobs := map[string][]string{}
	for _, sc := range list(prom, "scrape_configs") {
		job := str(sc, "job_name")
		if _, dup := jobs[job]; dup || job == "" {
			t.Errorf("scrape job %q is empty or repeated", job)
		}
		jobs[job] = nil
		for _, st := range list(sc, "static_configs") {
			for _, target := range list(st, "targets") {
				jobs[job] = append(jobs[job], fmt.Sprint(target))
			}
		}
	}
	wantTarget := func(job, service string, port string) {
		t.Helper()
		targets := jobs[job]
		if len(targets) == 0 {
			t.Errorf("no scrape job %s", job)
			return
		}
		for _, target := range targets {
			host, p, err := net.SplitHostPort(target)
			if err != nil || host != service || p != port {
				t.Errorf("job %s scrapes %s, want %s:%s", job, target, service, port)
			}
			if _, ok := services[host]; !ok {
				t.Errorf("job %s scrapes %s, which is not a compose service", job, host)
			}
		}
	}
	_, adminPort, _ := net.SplitHostPort(environment(get(services, "server"))["CLACO_ADMIN_ADDR"])
	wantTarget("claco-server", "server", adminPort)
	wantTarget("claco-importer", "pushgateway", "9091")
	if !slices.Contains(list(services, "server", "expose"), any(adminPort)) {
		t.Errorf("the server does not expose %s to the compose network", adminPort)
	}

	ds := loadOne(t, filepath.Join("grafana", "provisioning", "datasources", "prometheus.yml"))
	sources := list(ds, "datasources")
	if len(sources) != 1 || str(sources[0], "type") != "prometheus" || str(sources[0], "url") != "http://prometheus:9090" {
		t.Errorf("Grafana's datasource is %v, want the prometheus service", sources)
	}
	dash := loadDashboard(t)
	if str(sources[0], "uid") != dashboardDatasourceDefault(dash) {
		t.Errorf("the dashboard's datasource defaults to %q, the provisioned one is %q", dashboardDatasourceDefault(dash), str(sources[0], "uid"))
	}
	provider := loadOne(t, filepath.Join("grafana", "provisioning", "dashboards", "claco.yml"))
	path := str(list(provider, "providers")[0], "options", "path")
	found := false
	for _, v := range list(services, "grafana", "volumes") {
		parts := strings.Split(fmt.Sprint(v), ":")
		if len(parts) >= 2 && filepath.Dir(parts[1]) == path && exists(parts[0]) && strings.HasSuffix(parts[0], ".json") {
			found = true
		}
	}
	if !found {
		t.Errorf("no dashboard JSON is mounted into %s, where Grafana's provider reads", path)
	}
}

// alertRule is one rule of alerts.yml.
type alertRule struct {
	group, name, expr, forDuration string
	labels                         map[string]any
}

func alertRules(t *testing.T) []alertRule {
	t.Helper()
	doc := loadOne(t, filepath.Join("prometheus", "alerts.yml"))
	groups := list(doc, "groups")
	if len(groups) == 0 {
		t.Fatal("alerts.yml has no groups")
	}
	var rules []alertRule
	for _, g := range groups {
		gname := str(g, "name")
		rs := list(g, "rules")
		if gname == "" || len(rs) == 0 {
			t.Errorf("group %q has no name or no rules", gname)
		}
		for _, r := range rs {
			rules = append(rules, alertRule{group: gname, name: str(r, "alert") + str(r, "record"), expr: str(r, "expr"), forDuration: str(r, "for"), labels: mapping(r, "labels")})
		}
	}
	return rules
}

// Alert rules: groups of named rules with expressions, valid durations and
// a severity, covering errors, latency, availability and the importer.
func TestAlertRules(t *testing.T) {
	rules := alertRules(t)
	seen := map[string]bool{}
	for _, r := range rules {
		if r.name == "" || strings.TrimSpace(r.expr) == "" {
			t.Errorf("group %s: a rule without a name or expr", r.group)
		}
		if seen[r.name] {
			t.Errorf("alert %s is defined twice", r.name)
		}
		seen[r.name] = true
		if r.forDuration != "" {
			if _, err := model.ParseDuration(r.forDuration); err != nil {
				t.Errorf("alert %s: for %q: %v", r.name, r.forDuration, err)
			}
		}
		if r.labels["severity"] == nil {
			t.Errorf("alert %s has no severity label", r.name)
		}
		if err := checkBalanced(r.expr); err != nil {
			t.Errorf("alert %s: %v", r.name, err)
		}
	}
	covers := func(what string, ok func(expr string) bool) {
		t.Helper()
		for _, r := range rules {
			if ok(r.expr) {
				return
			}
		}
		t.Errorf("no alert on %s", what)
	}
	covers("the GraphQL error rate", func(e string) bool { return strings.Contains(e, "claco_graphql_errors_total") })
	covers("the HTTP 5xx rate", func(e string) bool {
		return strings.Contains(e, "claco_http_requests_total") && strings.Contains(e, `"5..`)
	})
	covers("p99 latency", func(e string) bool { return strings.Contains(e, "histogram_quantile(0.99") })
	covers("a target down", func(e string) bool { return strings.Contains(e, "up{") })
	covers("readiness", func(e string) bool { return strings.Contains(e, `handler="readyz"`) })
	covers("importer staleness", func(e string) bool { return strings.Contains(e, "claco_import_last_success_timestamp_seconds") })
}

// checkBalanced catches unbalanced brackets and quotes in an expression.
func checkBalanced(expr string) error {
	var stack []rune
	pairs := map[rune]rune{')': '(', ']': '[', '}': '{'}
	var quote rune
	for _, r := range expr {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'' || r == '`':
			quote = r
		case r == '(' || r == '[' || r == '{':
			stack = append(stack, r)
		case pairs[r] != 0:
			if len(stack) == 0 || stack[len(stack)-1] != pairs[r] {
				return fmt.Errorf("unbalanced %q", r)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if quote != 0 || len(stack) > 0 {
		return errors.New("unclosed bracket or quote")
	}
	return nil
}

// ---- Dockerfile --------------------------------------------------------

type instruction struct {
	cmd, args string
}

type stage struct {
	from, name string
	ins        []instruction
}

type dockerfile struct{ stages []stage }

func (d dockerfile) stage(name string) (stage, bool) {
	for _, s := range d.stages {
		if s.name == name {
			return s, true
		}
	}
	return stage{}, false
}

func (s stage) all(cmd string) []string {
	var out []string
	for _, in := range s.ins {
		if in.cmd == cmd {
			out = append(out, in.args)
		}
	}
	return out
}

// env returns the stage's ENV settings (KEY=VALUE pairs, quotes removed).
func (s stage) env() map[string]string {
	env := map[string]string{}
	for _, args := range s.all("ENV") {
		fields := shellFields(args)
		if len(fields) == 2 && !strings.Contains(fields[0], "=") {
			env[fields[0]] = fields[1]
			continue
		}
		for _, f := range fields {
			k, v, _ := strings.Cut(f, "=")
			env[k] = v
		}
	}
	return env
}

// shellFields splits on blanks outside double quotes and drops the quotes.
func shellFields(s string) []string {
	var out []string
	var b strings.Builder
	inQuote, has := false, false
	for _, r := range s {
		switch {
		case r == '"':
			inQuote, has = !inQuote, true
		case !inQuote && (r == ' ' || r == '\t'):
			if has {
				out = append(out, b.String())
				b.Reset()
				has = false
			}
		default:
			b.WriteRune(r)
			has = true
		}
	}
	if has {
		out = append(out, b.String())
	}
	return out
}

// parseDockerfile reads instructions (continuations joined, comments dropped)
// into stages.
func parseDockerfile(t *testing.T, path string) dockerfile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var d dockerfile
	var cur strings.Builder
	flush := func() {
		line := strings.TrimSpace(cur.String())
		cur.Reset()
		if line == "" {
			return
		}
		cmd, args, _ := strings.Cut(line, " ")
		in := instruction{cmd: strings.ToUpper(cmd), args: strings.TrimSpace(args)}
		if in.cmd == "FROM" {
			f := strings.Fields(in.args)
			s := stage{from: f[0]}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				s.name = f[2]
			}
			d.stages = append(d.stages, s)
			return
		}
		if len(d.stages) == 0 {
			if in.cmd != "ARG" {
				t.Errorf("%s: %s before the first FROM", path, in.cmd)
			}
			return
		}
		s := &d.stages[len(d.stages)-1]
		s.ins = append(s.ins, in)
	}
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		flush()
	}
	flush()
	if len(d.stages) == 0 {
		t.Fatalf("%s: no FROM", path)
	}
	return d
}

// The Dockerfile builds static binaries and a production, non-root image
// with a HEALTHCHECK and no secret; the importer-scheduler target holds the
// schedule script.
func TestDockerfile(t *testing.T) {
	d := parseDockerfile(t, filepath.Join(root, "Dockerfile"))
	final := d.stages[len(d.stages)-1]
	if !strings.Contains(final.from, "distroless") || !strings.Contains(final.from, "nonroot") {
		t.Errorf("the runtime image is %s, want distroless nonroot", final.from)
	}
	if len(final.all("HEALTHCHECK")) != 1 || !strings.Contains(final.all("HEALTHCHECK")[0], "/usr/local/bin/healthcheck") {
		t.Errorf("the runtime image's HEALTHCHECK is %v, want /usr/local/bin/healthcheck", final.all("HEALTHCHECK"))
	}
	env := final.env()
	if env["CLACO_ENV"] != "production" {
		t.Errorf("CLACO_ENV=%q, want production", env["CLACO_ENV"])
	}
	if env["CLACO_ADMIN_ADDR"] != "127.0.0.1:9090" {
		t.Errorf("CLACO_ADMIN_ADDR=%q, want the loopback (127.0.0.1:9090) unless configured", env["CLACO_ADMIN_ADDR"])
	}
	for _, s := range d.stages {
		for k, v := range s.env() {
			if secretName(k) {
				t.Errorf("stage %s: ENV %s=%q bakes a secret into the image", s.name, k, v)
			}
			if k == "CLACO_DEMO" && v != "false" {
				t.Errorf("stage %s: CLACO_DEMO=%s", s.name, v)
			}
		}
		for _, a := range s.all("ARG") {
			if secretName(strings.SplitN(a, "=", 2)[0]) {
				t.Errorf("stage %s: ARG %s (build arguments end up in the image history)", s.name, a)
			}
		}
		if s.name == "build" {
			continue
		}
		users := s.all("USER")
		if len(users) == 0 {
			t.Errorf("stage %s has no USER", s.name)
			continue
		}
		user, _, _ := strings.Cut(users[len(users)-1], ":")
		if user == "root" || user == "0" || user == "" {
			t.Errorf("stage %s runs as %s", s.name, users[len(users)-1])
		}
	}
	if raw, err := os.ReadFile(filepath.Join(root, "Dockerfile")); err == nil && strings.Contains(string(raw), "CLACO_JWT_SECRET=") {
		t.Error("the Dockerfile sets CLACO_JWT_SECRET")
	}

	build, ok := d.stage("build")
	if !ok {
		t.Fatal("no build stage")
	}
	runs := strings.Join(build.all("RUN"), "\n")
	if build.env()["CGO_ENABLED"] != "0" {
		t.Error("the build stage does not set CGO_ENABLED=0")
	}
	for _, pkg := range []string{"./cmd/server", "./cmd/importer", "./cmd/healthcheck"} {
		if !regexp.MustCompile(`go build -trimpath [^\n&]*` + regexp.QuoteMeta(pkg) + `\b`).MatchString(runs) {
			t.Errorf("the build stage does not go build -trimpath %s", pkg)
		}
	}
	for _, s := range d.stages {
		for _, c := range s.all("COPY") {
			if strings.Contains(c, "--from=") {
				continue
			}
			f := shellFields(c)
			for _, src := range f[:len(f)-1] {
				if strings.HasPrefix(src, "--") {
					continue
				}
				if strings.ContainsAny(src, "*?") {
					continue
				}
				if src != "." && !exists(filepath.Join(root, src)) {
					t.Errorf("stage %s copies %s, which does not exist", s.name, src)
				}
			}
		}
	}

	sched, ok := d.stage("importer-scheduler")
	if !ok {
		t.Fatal("no importer-scheduler stage")
	}
	ep := strings.Join(sched.all("ENTRYPOINT"), " ")
	if !strings.Contains(ep, "/busybox/sh") || !strings.Contains(ep, "kopis-daily") {
		t.Errorf("the importer-scheduler entrypoint is %s, want busybox sh running kopis-daily", ep)
	}
	if !strings.Contains(strings.Join(sched.all("COPY"), "\n"), "deploy/importer/kopis-daily.sh") {
		t.Error("the importer-scheduler stage does not copy deploy/importer/kopis-daily.sh")
	}
}

// The version a build names: when cmd/server gets a version variable, the
// Dockerfile must set it with -ldflags -X.
func TestDockerfileSetsTheVersion(t *testing.T) {
	src, _ := filepath.Glob(filepath.Join(root, "cmd", "server", "*.go"))
	re := regexp.MustCompile(`(?m)^\s*var\s+(version|Version)\b`)
	var name string
	for _, f := range src {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		if m := re.FindSubmatch(b); m != nil {
			name = string(m[1])
		}
	}
	if name == "" {
		t.Skip("cmd/server has no version variable to set")
	}
	raw, _ := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if !strings.Contains(string(raw), "-X main."+name+"=") {
		t.Errorf("cmd/server has a %s variable; the Dockerfile should set it with -ldflags -X main.%s=${VERSION}", name, name)
	}
}

// .dockerignore keeps secrets, databases and .git out of the build context
// but sends everything the three binaries are built from.
func TestDockerignore(t *testing.T) {
	di := readDockerignore(t)
	for _, f := range []string{".git/config", "claco.db", "uploads/a.png", "deploy/claco.env", "deploy/kubernetes/secret.example.yaml", "deploy/docker-compose.yml"} {
		if !di.excluded(f) {
			t.Errorf(".dockerignore sends %s to the builder", f)
		}
	}
	need := []string{"go.mod", "go.sum", "deploy/importer/kopis-daily.sh"}
	cmd := exec.Command("go", "list", "-e", "-deps", "-json=Dir,GoFiles,EmbedFiles,Module", "./cmd/server", "./cmd/importer", "./cmd/healthcheck")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	abs, _ := filepath.Abs(root)
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			Dir                 string
			GoFiles, EmbedFiles []string
			Module              *struct{ Path string }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if p.Module == nil || p.Module.Path != "github.com/claco/claco" {
			continue
		}
		for _, f := range append(p.GoFiles, p.EmbedFiles...) {
			rel, err := filepath.Rel(abs, filepath.Join(p.Dir, f))
			if err != nil {
				t.Fatal(err)
			}
			need = append(need, filepath.ToSlash(rel))
		}
	}
	if len(need) < 50 {
		t.Fatalf("go list found only %d source files", len(need))
	}
	for _, f := range need {
		if di.excluded(f) {
			t.Errorf(".dockerignore keeps %s, which the build needs, out of the context", f)
		}
	}
}

type dockerignore []struct {
	re     *regexp.Regexp
	negate bool
}

func readDockerignore(t *testing.T) dockerignore {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, ".dockerignore"))
	if err != nil {
		t.Fatal(err)
	}
	var di dockerignore
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		negate := strings.HasPrefix(line, "!")
		line = strings.TrimPrefix(line, "!")
		line = strings.TrimSuffix(strings.TrimPrefix(filepath.ToSlash(filepath.Clean(line)), "/"), "/")
		var re strings.Builder
		re.WriteString("^")
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case strings.HasPrefix(line[i:], "**/"):
				re.WriteString("(.*/)?")
				i += 2
			case strings.HasPrefix(line[i:], "**"):
				re.WriteString(".*")
				i++
			case c == '*':
				re.WriteString("[^/]*")
			case c == '?':
				re.WriteString("[^/]")
			default:
				re.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
		re.WriteString("$")
		di = append(di, struct {
			re     *regexp.Regexp
			negate bool
		}{regexp.MustCompile(re.String()), negate})
	}
	return di
}

// excluded applies the patterns as Docker does: the last pattern matching
// the path or one of its parent directories decides.
func (di dockerignore) excluded(path string) bool {
	var candidates []string
	parts := strings.Split(path, "/")
	for i := range parts {
		candidates = append(candidates, strings.Join(parts[:i+1], "/"))
	}
	out := false
	for _, p := range di {
		for _, c := range candidates {
			if p.re.MatchString(c) {
				out = !p.negate
				break
			}
		}
	}
	return out
}

// ---- the importer's schedule script ------------------------------------------

// kopis-daily imports today..today+IMPORT_DAYS_AHEAD (Seoul) once, passing
// extra arguments on; with --loop it imports at once and stops on SIGTERM.
func TestKopisDailyScript(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to run deploy/importer/kopis-daily.sh")
	}
	dir := t.TempDir()
	argsFile := filepath.Join(dir, "args")
	fake := filepath.Join(dir, "importer")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho \"$@\" >> '"+argsFile+"'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs(filepath.Join("importer", "kopis-daily.sh"))
	run := func(env []string, args ...string) (string, error) {
		cmd := exec.Command(sh, append([]string{script}, args...)...)
		cmd.Env = append(os.Environ(), append([]string{"IMPORTER=" + fake}, env...)...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	seoul := func() string { return nowInSeoul().Format("2006-01-02") }
	before := seoul()
	if out, err := run([]string{"IMPORT_DAYS_AHEAD=30"}, "--rate", "2"); err != nil {
		t.Fatalf("kopis-daily: %v\n%s", err, out)
	}
	after := seoul()
	got, _ := os.ReadFile(argsFile)
	fields := strings.Fields(string(got))
	if len(fields) != 7 || fields[0] != "kopis" || fields[1] != "--from" || fields[3] != "--to" || fields[5] != "--rate" || fields[6] != "2" {
		t.Fatalf("the importer ran with %q, want kopis --from DAY --to DAY --rate 2", got)
	}
	if fields[2] != before && fields[2] != after {
		t.Errorf("--from %s, want today in Seoul (%s)", fields[2], after)
	}
	from, _ := parseDay(fields[2])
	if to, err := parseDay(fields[4]); err != nil || to.Sub(from) != 30*24*time.Hour {
		t.Errorf("--to %s, want 30 days after --from %s", fields[4], fields[2])
	}

	for _, env := range []string{"IMPORT_DAYS_AHEAD=soon", "IMPORT_AT_HOUR=25"} {
		_, err := run([]string{env})
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Errorf("%s: %v, want exit status 2", env, err)
		}
	}

	// --loop imports at once, then waits for the next day; SIGTERM ends it.
	os.Remove(argsFile)
	cmd := exec.Command(sh, script, "--loop")
	cmd.Env = append(os.Environ(), "IMPORTER="+fake)
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var waitErr error
	exited := make(chan struct{})
	go func() { waitErr = cmd.Wait(); close(exited) }()
	if !waitFor(func() bool { return strings.Contains(out.String(), "next import in") }, exited) {
		_ = cmd.Process.Kill()
		<-exited
		t.Fatalf("--loop did not import and wait:\n%s", out.String())
	}
	if b, _ := os.ReadFile(argsFile); !strings.HasPrefix(string(b), "kopis --from ") {
		t.Errorf("--loop ran the importer with %q", b)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		t.Fatalf("--loop did not stop on SIGTERM:\n%s", out.String())
	}
	var exit *exec.ExitError
	if !errors.As(waitErr, &exit) || exit.ExitCode() != 143 {
		t.Errorf("--loop after SIGTERM: %v, want exit status 143\n%s", waitErr, out.String())
	}
}

func nowInSeoul() time.Time { return time.Now().In(time.FixedZone("KST", 9*3600)) }

func parseDay(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }

// waitFor polls cond for up to ten seconds, or until exited closes.
func waitFor(cond func() bool, exited <-chan struct{}) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		select {
		case <-exited:
			return cond()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return false
}

// syncBuffer is a bytes.Buffer a process may write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Alert expressions name only metrics the server exposes, Prometheus's own
// up, and the importer's claco_import_* (checked against the importer by
// TestImporterMetricsMatchTheAlerts).
func TestAlertMetricsExist(t *testing.T) {
	families := scrapeServer(t)
	for _, r := range alertRules(t) {
		for _, name := range metricNames(r.expr) {
			if name == "up" || strings.HasPrefix(name, "claco_import_") {
				continue
			}
			if !exposed(families, name) {
				t.Errorf("alert %s uses %s, which the server does not expose", r.name, name)
			}
		}
	}
}

// ---- CI ------------------------------------------------------------------

// The GitHub workflow mirrors .ci/run: format, vet and generate checks, the
// tests on SQLite, on a MySQL 8 service and with the race detector, each
// test job with Redis and the OCR packages .ci/run installs; and the image
// build, without pushing, on pushes to main.
func TestCIWorkflowMirrorsCIRun(t *testing.T) {
	wf := loadOne(t, filepath.Join(root, ".github", "workflows", "ci.yml"))
	jobs := mapping(wf, "jobs")
	if len(jobs) == 0 {
		t.Fatal("no jobs")
	}
	on := mapping(wf, "on")
	if _, ok := on["push"]; !ok {
		t.Error("the workflow does not run on pushes")
	}
	if _, ok := on["pull_request"]; !ok {
		t.Error("the workflow does not run on pull requests")
	}
	ciRun, err := os.ReadFile(filepath.Join(root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	ocr := regexp.MustCompile(`--no-install-recommends \\\s*\n\s*([^>\n]+)>`).FindSubmatch(ciRun)
	if ocr == nil {
		t.Fatal("cannot find the OCR packages .ci/run installs")
	}
	ocrPackages := strings.Fields(string(ocr[1]))

	runs := map[string]string{} // job -> its run scripts
	for name, job := range jobs {
		for i, step := range list(job, "steps") {
			if get(step, "uses") == nil && get(step, "run") == nil {
				t.Errorf("job %s step %d neither uses an action nor runs a command", name, i+1)
			}
			runs[name] += str(step, "run") + "\n"
		}
	}
	jobRunning := func(re string) string {
		t.Helper()
		for name, script := range runs {
			if regexp.MustCompile(re).MatchString(script) {
				return name
			}
		}
		t.Errorf("no job runs %s", re)
		return ""
	}
	jobRunning(`gofmt -l`)
	if strings.Contains(string(ciRun), ".ci/fuzz") {
		jobRunning(`bash \.ci/fuzz`)
	}
	jobRunning(`go vet \./\.\.\.`)
	jobRunning(`go generate \./\.\.\.[\s\S]*git status --porcelain`)
	sqlite := jobRunning(`go test (-count=1 )?\./\.\.\.`)
	race := jobRunning(`go test -race`)

	var mysqlJob string
	for name, job := range jobs {
		if get(job, "services", "mysql") != nil {
			mysqlJob = name
		}
	}
	if mysqlJob == "" {
		t.Fatal("no job has a mysql service")
	}
	svc := get(jobs, mysqlJob, "services", "mysql")
	if !strings.HasPrefix(str(svc, "image"), "mysql:8") {
		t.Errorf("the MySQL service runs %s, want MySQL 8", str(svc, "image"))
	}
	url := str(jobs, mysqlJob, "env", "CLACO_TEST_MYSQL_URL")
	want := fmt.Sprintf("mysql://root:%s@127.0.0.1:3306/%s", str(svc, "env", "MYSQL_ROOT_PASSWORD"), str(svc, "env", "MYSQL_DATABASE"))
	if url != want {
		t.Errorf("CLACO_TEST_MYSQL_URL=%q, want %q (the service's root password and database)", url, want)
	}
	if !slices.Contains(list(svc, "ports"), any("3306:3306")) {
		t.Error("the MySQL service does not publish 3306")
	}
	if !strings.Contains(runs[mysqlJob], "go test") {
		t.Errorf("job %s has MySQL but runs no tests", mysqlJob)
	}
	for _, name := range []string{sqlite, mysqlJob, race} {
		if name == "" {
			continue
		}
		if get(jobs, name, "services", "redis") == nil {
			t.Errorf("test job %s has no Redis service (with CI set, the Redis tests fail)", name)
		}
		for _, p := range ocrPackages {
			if !strings.Contains(runs[name], p) {
				t.Errorf("test job %s does not install %s (with CI set, the OCR tests fail)", name, p)
			}
		}
	}

	var image map[string]any
	for _, job := range jobs {
		for _, step := range list(job, "steps") {
			if strings.HasPrefix(str(step, "uses"), "docker/build-push-action") {
				image = job.(map[string]any)
				if get(step, "with", "push") != false {
					t.Error("docker/build-push-action pushes; CI builds the image only")
				}
			}
		}
	}
	if image == nil {
		t.Fatal("no job builds the image with docker/build-push-action")
	}
	if cond := str(image, "if"); !strings.Contains(cond, "refs/heads/main") || !strings.Contains(cond, "push") {
		t.Errorf("the image job runs if %q, want pushes to main", cond)
	}
}
