package process

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
)

// On-disk layout under Config.RootDir:
//
//	images.json                             the "pulled" image names
//	netns/<sandbox>                         bound network namespaces
//	sandboxes/<sandbox>/sandbox.json        sandboxRecord
//	sandboxes/<sandbox>/meta/<c>.json       containerRecord
//	sandboxes/<sandbox>/meta/<c>.stdout     FIFOs the container writes to
//	sandboxes/<sandbox>/meta/<c>.stderr
//	sandboxes/<sandbox>/containers/<c>/     the container's working directory
//
// Records are written whole to a temporary file and renamed into place.

const recordVersion = 1

// Sandbox states on disk.
const (
	sandboxReady    = "ready"
	sandboxNotReady = "notready"
)

// Container states on disk.
const (
	stateCreated = "created"
	stateRunning = "running"
	stateExited  = "exited"
)

type sandboxRecord struct {
	Version        int             `json:"version"`
	ID             string          `json:"id"`
	Config         json.RawMessage `json:"config"`
	RuntimeHandler string          `json:"runtimeHandler,omitempty"`
	CreatedAt      int64           `json:"createdAt"`
	State          string          `json:"state"`
	// PodNetwork is true for a pod with a network namespace of its own;
	// NetNS is its path until the sandbox stops.
	PodNetwork bool   `json:"podNetwork,omitempty"`
	NetNS      string `json:"netns,omitempty"`
	IP         string `json:"ip,omitempty"`
	// NetworkSetUp is true between a successful Network.SetUp and TearDown.
	NetworkSetUp bool `json:"networkSetUp,omitempty"`
}

type containerRecord struct {
	Version   int             `json:"version"`
	ID        string          `json:"id"`
	SandboxID string          `json:"sandboxId"`
	Config    json.RawMessage `json:"config"`
	ImageRef  string          `json:"imageRef"`
	// Path is the resolved executable and Args the full argv.
	Path    string   `json:"path"`
	Args    []string `json:"args"`
	Env     []string `json:"env"`
	Dir     string   `json:"dir"`
	LogPath string   `json:"logPath,omitempty"`
	// Resources are the current limits (config, then updates), protojson.
	Resources json.RawMessage `json:"resources,omitempty"`

	State      string `json:"state"`
	CreatedAt  int64  `json:"createdAt"`
	StartedAt  int64  `json:"startedAt,omitempty"`
	FinishedAt int64  `json:"finishedAt,omitempty"`
	PID        int    `json:"pid,omitempty"`
	// StartTime is the process start time from /proc/<pid>/stat; with PID
	// it identifies the process across pid reuse.
	StartTime uint64 `json:"startTime,omitempty"`
	ExitCode  int32  `json:"exitCode"`
	Reason    string `json:"reason,omitempty"`
	Message   string `json:"message,omitempty"`
	Cgroup    string `json:"cgroup,omitempty"`
}

// recordFile serializes writes of one record file, so that the last state
// written is the last state taken.
type recordFile struct {
	mu   sync.Mutex
	path string
}

// write takes the snapshot under the lock and writes it, unless snapshot
// reports that the object is gone.
func (f *recordFile) write(snapshot func() (any, bool)) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := snapshot()
	if !ok {
		return nil
	}
	return writeJSON(f.path, v)
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func marshalProto(m proto.Message) json.RawMessage {
	if m == nil {
		return nil
	}
	b, err := protojson.Marshal(m)
	if err != nil {
		return nil
	}
	return b
}

func unmarshalProto(b json.RawMessage, m proto.Message) error {
	if len(b) == 0 {
		return nil
	}
	return protojson.UnmarshalOptions{DiscardUnknown: true}.Unmarshal(b, m)
}

func newID() string {
	var b [32]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (r *server) sandboxDir(id string) string {
	return filepath.Join(r.cfg.RootDir, "sandboxes", id)
}

func (r *server) metaDir(sandboxID string) string {
	return filepath.Join(r.sandboxDir(sandboxID), "meta")
}

func (r *server) containerDir(sandboxID, id string) string {
	return filepath.Join(r.sandboxDir(sandboxID), "containers", id)
}
