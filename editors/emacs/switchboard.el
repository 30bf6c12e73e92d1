;;; switchboard.el --- switchboard language server for PolyAI ADK projects via eglot  -*- lexical-binding: t; -*-

;; Needs Emacs 28+ with eglot (built into Emacs 29; the eglot package, or Debian's elpa-eglot,
;; on 28), and `switchboard' on PATH.
;; Load with (load "/path/to/switchboard/editors/emacs/switchboard.el").

;;; Code:

(require 'eglot)

(define-derived-mode adk-rules-mode text-mode "ADK-Rules"
  "Major mode for rules.txt and persona.txt of PolyAI ADK projects.")

(add-to-list 'auto-mode-alist '("/agent_settings/\\(rules\\|persona\\)\\.txt\\'" . adk-rules-mode))

(defgroup switchboard nil "switchboard language server." :group 'tools)

(defcustom switchboard-server-command '("switchboard" "lsp")
  "Command that starts the switchboard language server."
  :type '(repeat string))

(defcustom switchboard-rules nil
  "Severity per rule code or name, e.g. ((SB201 . \"warning\") (unused-handoff . \"off\"))."
  :type '(alist :key-type symbol :value-type string))

(defcustom switchboard-inlay-hints t
  "Whether the server sends inlay hints (a handoff's route after {{ho:name}})."
  :type 'boolean)

(defun switchboard--options ()
  "The options sent to the server (initializationOptions and didChangeConfiguration)."
  (list :rules (or (mapcan (lambda (r) (list (intern (format ":%s" (car r))) (cdr r)))
                           switchboard-rules)
                   (make-hash-table))
        :inlayHints (list :enabled (if switchboard-inlay-hints t :json-false))
        :trace "off"))

(defun switchboard--adk-root (file)
  "The root of the ADK project holding FILE (a file or folder), or nil."
  (locate-dominating-file
   file
   (lambda (dir)
     (or (file-exists-p (expand-file-name "project.yaml" dir))
         (file-exists-p (expand-file-name "config/handoffs.yaml" dir))
         (file-exists-p (expand-file-name "agent_settings/rules.txt" dir))))))

(defun switchboard--adk-project-p ()
  "Whether the current buffer belongs to an ADK project."
  (and buffer-file-name (switchboard--adk-root buffer-file-name)))

;; The project eglot starts the server for, when no other backend (a VC repository) knows one:
;; the ADK project's root. Without it eglot would take the file's own folder (`topics/'), from
;; which the server cannot find a project that has no project.yaml.
(require 'project)

(defun switchboard-project-find (dir)
  "An ADK project for eglot around DIR: (switchboard . ROOT), or nil."
  (when-let ((root (and (bound-and-true-p eglot-lsp-context) (switchboard--adk-root dir))))
    (cons 'switchboard (file-name-as-directory (expand-file-name root)))))

(cl-defmethod project-root ((project (head switchboard)))
  (cdr project))

(add-hook 'project-find-functions #'switchboard-project-find 'append)

(add-to-list 'eglot-server-programs
             `((adk-rules-mode yaml-mode yaml-ts-mode)
               . ,(lambda (&rest _)
                    (append switchboard-server-command
                            (list :initializationOptions (switchboard--options))))))

(defun switchboard-maybe-start ()
  "Start eglot in rules.txt, and in YAML files of ADK projects."
  (when (and (or (derived-mode-p 'adk-rules-mode) (switchboard--adk-project-p))
             (not (file-remote-p default-directory)))
    ;; Answered to workspace/configuration and sent with didChangeConfiguration.
    (setq-local eglot-workspace-configuration
                (list :switchboard (switchboard--options)))
    (eglot-ensure)))

(add-hook 'adk-rules-mode-hook #'switchboard-maybe-start)
(add-hook 'yaml-mode-hook #'switchboard-maybe-start)
(add-hook 'yaml-ts-mode-hook #'switchboard-maybe-start)

(provide 'switchboard)
;;; switchboard.el ends here
