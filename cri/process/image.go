package process

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"sort"
	"strings"
	"sync"

	"google.golang.org/grpc"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// imageStore is the list of "pulled" image names. The process runtime runs
// host executables, so an image is only a name: PullImage records it and
// downloads nothing. Safe for concurrent use.
type imageStore struct {
	mu    sync.Mutex
	path  string
	names map[string]bool // normalized names, guarded by mu
}

func openImageStore(path string) (*imageStore, error) {
	s := &imageStore{path: path, names: map[string]bool{}}
	var list []string
	if err := readJSON(path, &list); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	for _, n := range list {
		s.names[n] = true
	}
	return s, nil
}

// normalizeImage adds ":latest" to a name with neither tag nor digest, so
// that "busybox" and "busybox:latest" are the same image.
func normalizeImage(name string) string {
	if name == "" || strings.HasPrefix(name, "sha256:") || strings.Contains(name, "@") {
		return name
	}
	last := name[strings.LastIndex(name, "/")+1:]
	if !strings.Contains(last, ":") {
		return name + ":latest"
	}
	return name
}

// imageID is a stable fake digest of the normalized name.
func imageID(name string) string {
	sum := sha256.Sum256([]byte(name))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ref returns the image reference recorded for containers: the image's id.
func (s *imageStore) ref(name string) string {
	if strings.HasPrefix(name, "sha256:") {
		return name
	}
	return imageID(normalizeImage(name))
}

// find resolves a name or id to a stored name.
func (s *imageStore) find(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n := normalizeImage(name); s.names[n] {
		return n, true
	}
	if strings.HasPrefix(name, "sha256:") {
		for n := range s.names {
			if imageID(n) == name {
				return n, true
			}
		}
	}
	return "", false
}

func (s *imageStore) saveLocked() error {
	list := make([]string, 0, len(s.names))
	for n := range s.names {
		list = append(list, n)
	}
	sort.Strings(list)
	return writeJSON(s.path, list)
}

func imageProto(name string) *runtimev1.Image {
	return &runtimev1.Image{
		Id:       imageID(name),
		RepoTags: []string{name},
		Spec:     &runtimev1.ImageSpec{Image: name},
	}
}

// ListImages lists the recorded images.
func (r *server) ListImages(ctx context.Context, req *runtimev1.ListImagesRequest) (*runtimev1.ListImagesResponse, error) {
	return &runtimev1.ListImagesResponse{Images: r.listImages(req.GetFilter())}, nil
}

func (r *server) listImages(f *runtimev1.ImageFilter) []*runtimev1.Image {
	s := r.images
	if want := f.GetImage().GetImage(); want != "" {
		if n, ok := s.find(want); ok {
			return []*runtimev1.Image{imageProto(n)}
		}
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]*runtimev1.Image, 0, len(s.names))
	for n := range s.names {
		out = append(out, imageProto(n))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].RepoTags[0] < out[j].RepoTags[0] })
	return out
}

// StreamImages sends the image list in one message.
func (r *server) StreamImages(req *runtimev1.StreamImagesRequest, s grpc.ServerStreamingServer[runtimev1.StreamImagesResponse]) error {
	return s.Send(&runtimev1.StreamImagesResponse{Images: r.listImages(req.GetFilter())})
}

// ImageStatus returns the image, or a response without one when the image
// was never pulled, as CRI asks.
func (r *server) ImageStatus(ctx context.Context, req *runtimev1.ImageStatusRequest) (*runtimev1.ImageStatusResponse, error) {
	n, ok := r.images.find(req.GetImage().GetImage())
	if !ok {
		return &runtimev1.ImageStatusResponse{}, nil
	}
	resp := &runtimev1.ImageStatusResponse{Image: imageProto(n)}
	if req.GetVerbose() {
		resp.Info = map[string]string{"info": `{"note":"the process runtime records image names only"}`}
	}
	return resp, nil
}

// PullImage records the image name and returns its reference. Nothing is
// downloaded.
func (r *server) PullImage(ctx context.Context, req *runtimev1.PullImageRequest) (*runtimev1.PullImageResponse, error) {
	name := normalizeImage(req.GetImage().GetImage())
	if name == "" {
		return nil, invalid("image name is required")
	}
	if strings.HasPrefix(name, "sha256:") {
		if n, ok := r.images.find(name); ok {
			return &runtimev1.PullImageResponse{ImageRef: imageID(n)}, nil
		}
		return nil, notFound("image", name)
	}
	s := r.images
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.names[name] {
		s.names[name] = true
		if err := s.saveLocked(); err != nil {
			delete(s.names, name)
			return nil, internal("record image: %v", err)
		}
	}
	return &runtimev1.PullImageResponse{ImageRef: imageID(name)}, nil
}

// RemoveImage forgets an image. Removing an unknown image succeeds.
func (r *server) RemoveImage(ctx context.Context, req *runtimev1.RemoveImageRequest) (*runtimev1.RemoveImageResponse, error) {
	n, ok := r.images.find(req.GetImage().GetImage())
	if !ok {
		return &runtimev1.RemoveImageResponse{}, nil
	}
	s := r.images
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.names, n)
	if err := s.saveLocked(); err != nil {
		return nil, internal("record image removal: %v", err)
	}
	return &runtimev1.RemoveImageResponse{}, nil
}

// ImageFsInfo reports the file system of RootDir with zero bytes used:
// images are names and take no space.
func (r *server) ImageFsInfo(ctx context.Context, req *runtimev1.ImageFsInfoRequest) (*runtimev1.ImageFsInfoResponse, error) {
	return &runtimev1.ImageFsInfoResponse{
		ImageFilesystems: []*runtimev1.FilesystemUsage{{
			Timestamp:  nowNano(),
			FsId:       &runtimev1.FilesystemIdentifier{Mountpoint: r.cfg.RootDir},
			UsedBytes:  &runtimev1.UInt64Value{},
			InodesUsed: &runtimev1.UInt64Value{},
		}},
	}, nil
}
