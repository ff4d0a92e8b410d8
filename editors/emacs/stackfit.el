;;; stackfit.el --- stackfit's language server for lsp-mode and eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, tools

;;; Commentary:

;; stackfit reports where JavaScript and TypeScript (Node.js) and Python
;; code fights its runtime's concurrency model.  This file runs its language server,
;; `stackfit lsp', from either LSP client:
;;
;;   lsp-mode: (require 'stackfit) registers an add-on client, which runs
;;     beside the mode's main server (typescript-language-server, pyright...)
;;     in the same buffer.  Start it as usual with `lsp' / `lsp-deferred'.
;;
;;   eglot: (stackfit-eglot-setup) registers stackfit for `stackfit-modes'.
;;     eglot runs one server per buffer, so where the mode already has a
;;     server in `eglot-server-programs' whose program is installed, that
;;     server keeps the buffer (set `stackfit-eglot-prefer-stackfit' to give
;;     it to stackfit); stackfit takes the modes whose server is missing.
;;
;; The binary is `stackfit-executable' when set, else the npm package of the
;; project (node_modules/@stackfit/linux-x64-gnu/bin/stackfit in the project
;; or a folder above it), else `stackfit' on `exec-path'.
;; M-x stackfit-restart restarts the server of the current buffer.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar lsp-language-id-configuration)
(defvar eglot-server-programs)
(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-workspaces "lsp-mode")
(declare-function lsp-workspace-restart "lsp-mode")
(declare-function lsp--workspace-client "lsp-mode")
(declare-function lsp--client-server-id "lsp-mode")
(declare-function eglot-current-server "eglot")
(declare-function eglot-reconnect "eglot")

(defgroup stackfit nil
  "The stackfit language server."
  :group 'tools
  :prefix "stackfit-")

(defcustom stackfit-executable nil
  "The stackfit binary, or nil to look for one (see the commentary)."
  :type '(choice (const :tag "Look for it" nil) file))

(defcustom stackfit-modes
  '((js-mode . "javascript") (js-ts-mode . "javascript") (js2-mode . "javascript")
    (rjsx-mode . "javascriptreact") (typescript-mode . "typescript")
    (typescript-ts-mode . "typescript") (tsx-ts-mode . "typescriptreact")
    (python-mode . "python") (python-ts-mode . "python"))
  "Major modes stackfit serves, with the LSP language id of each."
  :type '(alist :key-type symbol :value-type string))

(defcustom stackfit-initialization-options nil
  "The server's initialization options, a plist.
For example:
  (:reportUnusedIgnores t
   :ruleDocsUrl \"file:///usr/share/stackfit/rules/{id}.md\")"
  :type '(plist :key-type symbol :value-type sexp))

(defcustom stackfit-eglot-prefer-stackfit nil
  "Non-nil: in eglot, stackfit serves `stackfit-modes' even where the
mode's own server is installed (eglot runs one server per buffer)."
  :type 'boolean)

(defconst stackfit--npm-binary "node_modules/@stackfit/linux-x64-gnu/bin/stackfit"
  "Where the npm package puts the binary, relative to a project.")

(defun stackfit-command (&optional dir)
  "The command that runs the language server for the project of DIR."
  (let* ((dir (or dir default-directory))
         (npm (locate-dominating-file
               dir (lambda (d) (file-executable-p (expand-file-name stackfit--npm-binary d))))))
    (list (cond (stackfit-executable (expand-file-name stackfit-executable))
                (npm (expand-file-name stackfit--npm-binary npm))
                ((executable-find "stackfit"))
                (t "stackfit"))
          "lsp")))

;;;; lsp-mode

(defun stackfit--lsp-mode-activate-p (_file mode)
  "Whether stackfit serves a buffer in MODE."
  (cl-some (lambda (m) (provided-mode-derived-p mode (car m))) stackfit-modes))

(with-eval-after-load 'lsp-mode
  (when (fboundp 'lsp-register-client)
    (dolist (m stackfit-modes)
      (add-to-list 'lsp-language-id-configuration m))
    (lsp-register-client
     (make-lsp-client
      :new-connection (lsp-stdio-connection (lambda () (stackfit-command)))
      :activation-fn #'stackfit--lsp-mode-activate-p
      :add-on? t
      :priority -1
      :server-id 'stackfit
      :initialization-options (lambda () stackfit-initialization-options)))))

;;;; eglot

(defun stackfit--eglot-program (contact)
  "The command CONTACT (of `eglot-server-programs') runs, if it is installed."
  (condition-case nil
      (let ((c (if (functionp contact) (funcall contact nil) contact)))
        (and (consp c) (stringp (car c))
             (or (file-executable-p (car c)) (executable-find (car c)))
             c))
    (error nil)))

;; Our entries in `eglot-server-programs', so that setup can be run again.
(defvar stackfit--eglot-contacts nil)

(defun stackfit--eglot-specs (key)
  "The mode specs of an `eglot-server-programs' KEY: MODE, (MODE :language-id ID)
or a list of those."
  (cond ((symbolp key) (list key))
        ((keywordp (car-safe (cdr key))) (list key))
        (t key)))

(defun stackfit--eglot-lookup (mode)
  "The contact `eglot-server-programs' has for MODE (not stackfit's), or nil."
  (cl-loop for (key . contact) in eglot-server-programs
           unless (memq contact stackfit--eglot-contacts)
           when (cl-some (lambda (spec)
                           (provided-mode-derived-p mode (if (consp spec) (car spec) spec)))
                         (stackfit--eglot-specs key))
           return contact))

(defun stackfit-eglot-setup ()
  "Register stackfit with eglot for `stackfit-modes'.
A mode whose own server (already in `eglot-server-programs') is
installed keeps it, unless `stackfit-eglot-prefer-stackfit'."
  (interactive)
  (require 'eglot)
  (setq eglot-server-programs
        (cl-remove-if (lambda (e) (memq (cdr e) stackfit--eglot-contacts)) eglot-server-programs)
        stackfit--eglot-contacts nil)
  (dolist (m (reverse stackfit-modes))
    (let* ((other (stackfit--eglot-lookup (car m)))
           (contact (lambda (&optional _interactive)
                      (or (and (not stackfit-eglot-prefer-stackfit)
                               (stackfit--eglot-program other))
                          (stackfit-command)))))
      (push contact stackfit--eglot-contacts)
      (push (cons (list (car m) :language-id (cdr m)) contact) eglot-server-programs))))

;;;; Both

(defun stackfit--lsp-workspace ()
  "The lsp-mode workspace of stackfit in the current buffer, or nil."
  (and (bound-and-true-p lsp-mode)
       (cl-find-if (lambda (w) (eq (lsp--client-server-id (lsp--workspace-client w)) 'stackfit))
                   (lsp-workspaces))))

(defun stackfit-restart ()
  "Restart the stackfit language server of the current buffer.
After a change of .stackfit.json or of the binary."
  (interactive)
  (let ((ws (stackfit--lsp-workspace)))
    (cond (ws (lsp-workspace-restart ws))
          ((and (fboundp 'eglot-current-server) (eglot-current-server))
           (eglot-reconnect (eglot-current-server)))
          (t (user-error "No stackfit server in this buffer")))))

(provide 'stackfit)
;;; stackfit.el ends here
