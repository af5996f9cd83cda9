package apiserver

import (
	"context"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/orcaproj/orca/apiobj"
)

// Output forms.
const (
	asObject      = ""
	asTable       = "Table"
	asPartial     = "PartialObjectMetadata"
	asPartialList = "PartialObjectMetadataList"
)

// outFormat is the negotiated response form.
type outFormat struct {
	yaml bool
	as   string
	// gv of the meta.k8s.io form asked for (v1 or v1beta1).
	metaVersion string
}

func (f outFormat) contentType() string {
	if f.yaml {
		return "application/yaml"
	}
	return "application/json"
}

// negotiate picks the first acceptable media type of the Accept header.
func negotiate(accept string) (outFormat, error) {
	if strings.TrimSpace(accept) == "" {
		return outFormat{}, nil
	}
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		var f outFormat
		switch mt {
		case "application/json", "*/*", "application/*":
		case "application/yaml":
			f.yaml = true
		default:
			continue
		}
		if as := params["as"]; as != "" {
			if params["g"] != "meta.k8s.io" || (params["v"] != "v1" && params["v"] != "v1beta1") {
				continue
			}
			switch as {
			case asTable, asPartial, asPartialList:
				f.as, f.metaVersion = as, params["v"]
			default:
				continue
			}
		}
		return f, nil
	}
	return outFormat{}, apiobj.NewStatusError(http.StatusNotAcceptable, apiobj.StatusReasonNotAcceptable,
		"only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io")
}

// encodeAs marshals v (an apiobj.Typed or a plain JSON value) in format f.
func (s *Server) encodeAs(v any, f outFormat) ([]byte, error) {
	var b []byte
	var err error
	if t, ok := v.(apiobj.Typed); ok {
		b, err = s.codec.Encode(t)
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil || !f.yaml {
		return b, err
	}
	return yaml.JSONToYAML(b)
}

func (s *Server) write(w http.ResponseWriter, code int, v any, f outFormat) {
	b, err := s.encodeAs(v, f)
	if err != nil {
		writeError(w, nil, apiobj.NewInternalError(err))
		return
	}
	w.Header().Set("Content-Type", f.contentType())
	w.WriteHeader(code)
	_, _ = w.Write(b)
}

// statusFor maps any error to its Status, through apiobj.StatusFromError,
// the one mapping; context deadlines become Kubernetes' request timeout.
func statusFor(err error) apiobj.Status {
	if errors.Is(err, context.DeadlineExceeded) {
		var se *apiobj.StatusError
		if !errors.As(err, &se) {
			e := apiobj.NewStatusError(http.StatusGatewayTimeout, apiobj.StatusReasonTimeout,
				"Timeout: request did not complete within the allotted timeout")
			e.Status.Details = &apiobj.StatusDetails{RetryAfterSeconds: 1}
			return e.Status
		}
	}
	return apiobj.StatusFromError(err)
}

// writeError writes err as a Kubernetes Status.
func writeError(w http.ResponseWriter, r *http.Request, err error) {
	st := statusFor(err)
	if st.Code == 0 {
		st.Code = http.StatusInternalServerError
	}
	if st.Details != nil && st.Details.RetryAfterSeconds > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(st.Details.RetryAfterSeconds)))
	}
	st.Kind, st.APIVersion = "Status", "v1"
	b, _ := json.Marshal(&st)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(int(st.Code))
	_, _ = w.Write(b)
}

// successStatus is the body of a delete that removed the object.
func successStatus(gr apiobj.GroupResource, obj apiobj.Object) *apiobj.Status {
	return &apiobj.Status{
		TypeMeta: apiobj.TypeMeta{Kind: "Status", APIVersion: "v1"},
		Status:   apiobj.StatusSuccess,
		Details:  &apiobj.StatusDetails{Name: obj.GetName(), Group: gr.Group, Kind: gr.Resource, UID: obj.GetUID()},
	}
}
