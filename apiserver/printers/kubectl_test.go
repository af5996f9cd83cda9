package printers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/orcaproj/orca/apiobj"
	"github.com/orcaproj/orca/apiserver/discovery"
	"github.com/orcaproj/orca/apiserver/printers"
)

// kubectlGet runs kubectl against server and returns its output. It skips
// the test when kubectl is not installed.
func kubectlGet(t *testing.T, server string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("SKIPPING: kubectl is not on PATH; install kubectl v1.32 to run the kubectl acceptance tests")
	}
	dir := t.TempDir()
	cfg := filepath.Join(dir, "kubeconfig")
	kc := "apiVersion: v1\nkind: Config\nclusters:\n- name: s\n  cluster: {server: " + server + "}\n" +
		"contexts:\n- name: s\n  context: {cluster: s, user: s, namespace: default}\ncurrent-context: s\nusers:\n- name: s\n  user: {}\n"
	if err := os.WriteFile(cfg, []byte(kc), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append([]string{"--kubeconfig", cfg, "--cache-dir", filepath.Join(dir, "cache")}, args...)...)
	cmd.Env = append(os.Environ(), "HOME="+dir, "KUBECONFIG="+cfg)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("kubectl %v: %v\n%s", args, err, errOut.String())
	}
	return out.String()
}

// tableServer serves discovery and, for list paths, the objects lists
// holds: as a Table when asked, as the list otherwise.
func tableServer(t *testing.T, scheme *apiobj.Scheme, p *printers.Printer, lists map[string]apiobj.ListObject) string {
	t.Helper()
	disc := discovery.NewHandler(scheme)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/version":
			fmt.Fprint(w, `{"major":"1","minor":"32","gitVersion":"v1.32.0"}`)
			return
		case discovery.IsDiscoveryPath(r.URL.Path):
			disc.ServeHTTP(w, r)
			return
		}
		list, ok := lists[r.URL.Path]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}`)
			return
		}
		if !strings.Contains(r.Header.Get("Accept"), "as=Table") {
			_ = json.NewEncoder(w).Encode(list)
			return
		}
		opts, err := printers.ParseTableOptions(r.URL.Query())
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		table, err := p.ToTable(list, opts)
		if err != nil {
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprint(w, err)
			return
		}
		w.Header().Set("Content-Type", "application/json;as=Table;v=v1;g=meta.k8s.io")
		_ = json.NewEncoder(w).Encode(table)
	}))
	t.Cleanup(s.Close)
	return s.URL
}

func TestKubectlGetPrintsServerColumns(t *testing.T) {
	t.Parallel()
	now := time.Now()
	ago := func(d time.Duration) apiobj.Time { return apiobj.NewTime(now.Add(-d)) }
	pods := &apiobj.PodList{TypeMeta: apiobj.TypeMeta{APIVersion: "v1", Kind: "PodList"}, ListMeta: apiobj.ListMeta{ResourceVersion: "9"},
		Items: []apiobj.Pod{
			{ObjectMeta: apiobj.ObjectMeta{Name: "web-0", Namespace: "default", CreationTimestamp: ago(26 * time.Hour)},
				Spec: apiobj.PodSpec{Containers: []apiobj.Container{{Name: "web", Image: "nginx"}}, NodeName: "node-1"},
				Status: apiobj.PodStatus{Phase: apiobj.PodRunning, PodIPs: []apiobj.PodIP{{IP: "10.0.0.5"}}, ContainerStatuses: []apiobj.ContainerStatus{{
					Name: "web", RestartCount: 4, State: apiobj.ContainerState{Waiting: &apiobj.ContainerStateWaiting{Reason: "CrashLoopBackOff"}},
					LastTerminationState: apiobj.ContainerState{Terminated: &apiobj.ContainerStateTerminated{ExitCode: 1, FinishedAt: ago(3 * time.Hour)}}}}}},
			{ObjectMeta: apiobj.ObjectMeta{Name: "init-1", Namespace: "default", CreationTimestamp: ago(20 * time.Minute)},
				Spec: apiobj.PodSpec{InitContainers: []apiobj.Container{{Name: "setup"}}, Containers: []apiobj.Container{{Name: "app"}}},
				Status: apiobj.PodStatus{Phase: apiobj.PodPending, InitContainerStatuses: []apiobj.ContainerStatus{{Name: "setup",
					State: apiobj.ContainerState{Running: &apiobj.ContainerStateRunning{}}}}}},
		}}
	deployments := &apiobj.DeploymentList{TypeMeta: apiobj.TypeMeta{APIVersion: "apps/v1", Kind: "DeploymentList"},
		Items: []apiobj.Deployment{{ObjectMeta: apiobj.ObjectMeta{Name: "web", Namespace: "default", CreationTimestamp: ago(50 * time.Hour)},
			Spec: apiobj.DeploymentSpec{Replicas: apiobj.Int32(3), Selector: &apiobj.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
				Template: apiobj.PodTemplateSpec{Spec: apiobj.PodSpec{Containers: []apiobj.Container{{Name: "web", Image: "nginx:1.27"}}}}},
			Status: apiobj.DeploymentStatus{ReadyReplicas: 2, UpdatedReplicas: 3, AvailableReplicas: 2}}}}

	scheme := apiobj.NewScheme()
	gvk := apiobj.GroupVersionKind{Group: "example.com", Version: "v1", Kind: "Widget"}
	if err := scheme.AddKind(apiobj.KindInfo{GroupVersionKind: gvk, Resource: "widgets", Namespaced: true}); err != nil {
		t.Fatal(err)
	}
	crd := &apiobj.CustomResourceDefinition{Spec: apiobj.CustomResourceDefinitionSpec{Versions: []apiobj.CustomResourceDefinitionVersion{{
		Name: "v1", AdditionalPrinterColumns: []apiobj.CustomResourceColumnDefinition{
			{Name: "Size", Type: "integer", JSONPath: ".spec.size"},
			{Name: "Phase", Type: "string", JSONPath: ".status.phase"},
			{Name: "Color", Type: "string", JSONPath: ".spec.color", Priority: 1},
			{Name: "Age", Type: "date", JSONPath: ".metadata.creationTimestamp"},
		}}}}}
	widgets := &apiobj.UnstructuredList{Object: map[string]any{"apiVersion": "example.com/v1", "kind": "WidgetList", "metadata": map[string]any{}}}
	w := apiobj.NewUnstructured(gvk)
	w.SetName("w1")
	w.SetNamespace("default")
	w.SetCreationTimestamp(ago(10 * time.Minute))
	w.Object["spec"] = map[string]any{"size": int64(3), "color": "red"}
	widgets.Items = append(widgets.Items, *w)

	p := printers.New(printers.Config{Scheme: scheme, CRDs: printers.CRDLookupFunc(
		func(g apiobj.GroupVersionKind) (*apiobj.CustomResourceDefinition, *apiobj.CustomResourceDefinitionVersion, bool) {
			return crd, &crd.Spec.Versions[0], g == gvk
		})})
	server := tableServer(t, scheme, p, map[string]apiobj.ListObject{
		"/api/v1/namespaces/default/pods":                 pods,
		"/apis/apps/v1/namespaces/default/deployments":    deployments,
		"/apis/example.com/v1/namespaces/default/widgets": widgets,
	})

	tests := []struct {
		args []string
		want string
	}{
		{[]string{"get", "pods"}, "" +
			"NAME     READY   STATUS             RESTARTS     AGE\n" +
			"web-0    0/1     CrashLoopBackOff   4 (3h ago)   26h\n" +
			"init-1   0/1     Init:0/1           0            20m\n"},
		{[]string{"get", "pods", "-o", "wide"}, "" +
			"NAME     READY   STATUS             RESTARTS     AGE   IP         NODE     NOMINATED NODE   READINESS GATES\n" +
			"web-0    0/1     CrashLoopBackOff   4 (3h ago)   26h   10.0.0.5   node-1   <none>           <none>\n" +
			"init-1   0/1     Init:0/1           0            20m   <none>     <none>   <none>           <none>\n"},
		{[]string{"get", "deploy"}, "" +
			"NAME   READY   UP-TO-DATE   AVAILABLE   AGE\n" +
			"web    2/3     3            2           2d2h\n"},
		{[]string{"get", "deployments", "-o", "wide"}, "" +
			"NAME   READY   UP-TO-DATE   AVAILABLE   AGE    CONTAINERS   IMAGES       SELECTOR\n" +
			"web    2/3     3            2           2d2h   web          nginx:1.27   app=web\n"},
		{[]string{"get", "widgets"}, "" +
			"NAME   SIZE   PHASE   AGE\n" +
			"w1     3              10m\n"},
		{[]string{"get", "widgets", "-o", "wide"}, "" +
			"NAME   SIZE   PHASE   COLOR   AGE\n" +
			"w1     3              red     10m\n"},
		{[]string{"get", "pods", "--no-headers"}, "" +
			"web-0    0/1   CrashLoopBackOff   4 (3h ago)   26h\n" +
			"init-1   0/1   Init:0/1           0            20m\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			if got := kubectlGet(t, server, tt.args...); got != tt.want {
				t.Errorf("kubectl %v printed:\n%s\nwant:\n%s", tt.args, got, tt.want)
			}
		})
	}
}
