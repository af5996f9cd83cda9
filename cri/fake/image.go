package fake

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	runtimev1 "k8s.io/cri-api/pkg/apis/runtime/v1"
)

// image is one pulled image. Guarded by Runtime.mu.
type image struct {
	id      string   // "sha256:" + 64 hex digits, derived from the first reference
	seq     uint64   // orders lists
	tags    []string // normalized name:tag references
	digests []string // normalized name@digest references
}

// normalizeRef spells an image reference the way containerd stores it:
// "busybox" is "docker.io/library/busybox:latest".
func normalizeRef(ref string) string {
	name, digest, hasDigest := strings.Cut(ref, "@")
	slash := strings.IndexByte(name, '/')
	switch {
	case slash < 0:
		name = "docker.io/library/" + name
	case !strings.ContainsAny(name[:slash], ".:") && name[:slash] != "localhost":
		name = "docker.io/" + name
	}
	if hasDigest {
		return name + "@" + digest
	}
	if !strings.Contains(name[strings.LastIndexByte(name, '/')+1:], ":") {
		name += ":latest"
	}
	return name
}

func digestOf(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// lookupImage finds an image by reference or ID. r.mu is held.
func (r *Runtime) lookupImage(ref string) *image {
	if ref == "" {
		return nil
	}
	if im, ok := r.images[ref]; ok {
		return im
	}
	if len(ref) == 64 && !strings.ContainsAny(ref, ":/") {
		if im, ok := r.images["sha256:"+ref]; ok {
			return im
		}
	}
	if strings.HasPrefix(ref, "sha256:") {
		return nil
	}
	return r.imageRefs[normalizeRef(ref)]
}

// addImage records ref as present and returns its image. r.mu is held.
// The ID is derived from the normalized reference, so the same reference has
// the same ID on every fake node; a tag also gets the digest reference
// name@ID.
func (r *Runtime) addImage(ref string) *image {
	if im := r.lookupImage(ref); im != nil {
		return im
	}
	norm := normalizeRef(ref)
	r.seq++
	im := &image{id: digestOf(norm), seq: r.seq}
	if strings.Contains(norm, "@") {
		im.digests = []string{norm}
	} else {
		im.tags = []string{norm}
		im.digests = []string{norm[:strings.LastIndexByte(norm, ':')] + "@" + im.id}
	}
	r.images[im.id] = im
	for _, ref := range im.tags {
		r.imageRefs[ref] = im
	}
	for _, ref := range im.digests {
		r.imageRefs[ref] = im
	}
	return im
}

func (r *Runtime) imageMessage(im *image) *runtimev1.Image {
	return &runtimev1.Image{
		Id:          im.id,
		RepoTags:    im.tags,
		RepoDigests: im.digests,
		Size:        r.imgSize,
		Spec:        &runtimev1.ImageSpec{Image: im.id},
	}
}

func (r *Runtime) listImages(f *runtimev1.ImageFilter) []*runtimev1.Image {
	r.mu.Lock()
	defer r.mu.Unlock()
	if ref := f.GetImage().GetImage(); ref != "" {
		if im := r.lookupImage(ref); im != nil {
			return []*runtimev1.Image{r.imageMessage(im)}
		}
		return nil
	}
	ims := make([]*image, 0, len(r.images))
	for _, im := range r.images {
		ims = append(ims, im)
	}
	sortBy(ims, func(im *image) uint64 { return im.seq })
	out := make([]*runtimev1.Image, len(ims))
	for i, im := range ims {
		out[i] = r.imageMessage(im)
	}
	return out
}

// ListImages implements CRI.
func (r *Runtime) ListImages(_ context.Context, req *runtimev1.ListImagesRequest) (*runtimev1.ListImagesResponse, error) {
	return &runtimev1.ListImagesResponse{Images: r.listImages(req.Filter)}, nil
}

// StreamImages implements CRI.
func (r *Runtime) StreamImages(req *runtimev1.StreamImagesRequest, s runtimev1.ImageService_StreamImagesServer) error {
	return sendChunks(r.listImages(req.Filter), func(items []*runtimev1.Image) error {
		return s.Send(&runtimev1.StreamImagesResponse{Images: items})
	})
}

// ImageStatus implements CRI: an absent image is a response without an
// image, not an error.
func (r *Runtime) ImageStatus(_ context.Context, req *runtimev1.ImageStatusRequest) (*runtimev1.ImageStatusResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	resp := &runtimev1.ImageStatusResponse{}
	if im := r.lookupImage(req.GetImage().GetImage()); im != nil {
		resp.Image = r.imageMessage(im)
	}
	return resp, nil
}

// PullImage implements CRI: any reference can be pulled, after
// Config.PullImage agrees. The image reference returned is the image ID.
func (r *Runtime) PullImage(ctx context.Context, req *runtimev1.PullImageRequest) (*runtimev1.PullImageResponse, error) {
	ref := req.GetImage().GetImage()
	if ref == "" {
		return nil, status.Error(codes.InvalidArgument, "pull: no image named")
	}
	if strings.HasPrefix(ref, "sha256:") {
		r.mu.Lock()
		im := r.lookupImage(ref)
		r.mu.Unlock()
		if im == nil {
			return nil, status.Errorf(codes.NotFound, "pull: image ID %q is not present and cannot be pulled by ID", ref)
		}
		return &runtimev1.PullImageResponse{ImageRef: im.id}, nil
	}
	if r.cfg.PullImage != nil {
		if err := r.cfg.PullImage(ctx, req.Image); err != nil {
			return nil, err
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return &runtimev1.PullImageResponse{ImageRef: r.addImage(ref).id}, nil
}

// RemoveImage implements CRI: the image goes with all its references.
// Removing an absent image succeeds.
func (r *Runtime) RemoveImage(_ context.Context, req *runtimev1.RemoveImageRequest) (*runtimev1.RemoveImageResponse, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	im := r.lookupImage(req.GetImage().GetImage())
	if im == nil {
		return &runtimev1.RemoveImageResponse{}, nil
	}
	delete(r.images, im.id)
	for _, ref := range im.tags {
		delete(r.imageRefs, ref)
	}
	for _, ref := range im.digests {
		delete(r.imageRefs, ref)
	}
	return &runtimev1.RemoveImageResponse{}, nil
}

// ImageFsInfo implements CRI: the image filesystem holds every image at
// Config.ImageSize; the container filesystem is empty.
func (r *Runtime) ImageFsInfo(context.Context, *runtimev1.ImageFsInfoRequest) (*runtimev1.ImageFsInfoResponse, error) {
	r.mu.Lock()
	n := uint64(len(r.images))
	now := r.now()
	r.mu.Unlock()
	return &runtimev1.ImageFsInfoResponse{
		ImageFilesystems: []*runtimev1.FilesystemUsage{{
			Timestamp:  now,
			FsId:       &runtimev1.FilesystemIdentifier{Mountpoint: imageFsMount},
			UsedBytes:  &runtimev1.UInt64Value{Value: n * r.imgSize},
			InodesUsed: &runtimev1.UInt64Value{Value: n},
		}},
		ContainerFilesystems: []*runtimev1.FilesystemUsage{{
			Timestamp:  now,
			FsId:       &runtimev1.FilesystemIdentifier{Mountpoint: containerFsMount},
			UsedBytes:  &runtimev1.UInt64Value{},
			InodesUsed: &runtimev1.UInt64Value{},
		}},
	}, nil
}

// Where the fake says its filesystems are; nothing is written there.
const (
	imageFsMount     = "/var/lib/orca-fake/images"
	containerFsMount = "/var/lib/orca-fake/containers"
)
