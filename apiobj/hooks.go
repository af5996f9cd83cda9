package apiobj

// attachHooks sets the defaulting, validation and field-selector hooks of a
// built-in kind.
func attachHooks(k *KindInfo) {
	defaultHook(k)
	validationHook(k)
}
