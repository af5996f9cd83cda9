package auth

import "strings"

// Service account identities.
const (
	// ServiceAccountUsernamePrefix starts the user name of every service
	// account: system:serviceaccount:<namespace>:<name>.
	ServiceAccountUsernamePrefix = "system:serviceaccount:"
	// GroupServiceAccounts holds every service account.
	GroupServiceAccounts = "system:serviceaccounts"
	// ServiceAccountGroupPrefix starts the group of the service accounts of
	// one namespace: system:serviceaccounts:<namespace>.
	ServiceAccountGroupPrefix = "system:serviceaccounts:"
)

// ServiceAccountUsername is the user name of service account name in
// namespace ns.
func ServiceAccountUsername(ns, name string) string {
	return ServiceAccountUsernamePrefix + ns + ":" + name
}

// SplitServiceAccountUsername returns the namespace and name of a service
// account user name, and false for any other user name.
func SplitServiceAccountUsername(username string) (ns, name string, ok bool) {
	rest, ok := strings.CutPrefix(username, ServiceAccountUsernamePrefix)
	if !ok {
		return "", "", false
	}
	ns, name, ok = strings.Cut(rest, ":")
	if !ok || ns == "" || name == "" || strings.Contains(name, ":") {
		return "", "", false
	}
	return ns, name, true
}

// ServiceAccountUser returns the user a service account authenticates as,
// with the groups Kubernetes gives it: system:serviceaccounts,
// system:serviceaccounts:<ns> and system:authenticated.
func ServiceAccountUser(ns, name string) *User {
	return &User{
		Name:   ServiceAccountUsername(ns, name),
		Groups: []string{GroupServiceAccounts, ServiceAccountGroupPrefix + ns, GroupAuthenticated},
	}
}

// NodeName returns the node name of a node agent's user (system:node:<name>
// in group system:nodes), and false for any other user.
func NodeName(u *User) (string, bool) {
	if u == nil || !u.InGroup(GroupNodes) {
		return "", false
	}
	name, ok := strings.CutPrefix(u.Name, NodeUserPrefix)
	return name, ok && name != ""
}
