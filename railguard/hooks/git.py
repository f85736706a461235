"""The git facts the hooks need; they live in railguard/vcs.py (the one module that runs git)."""

from railguard.vcs import (  # noqa: F401 - the hooks' names for them
    ALL_LINES,
    EMPTY_TREE,
    GIT_TIMEOUT,
    StagedBlob,
    changed_lines,
    current_branch,
    current_identity,
    git,
    git_common_dir,
    head_or_empty_tree,
    hooks_dir,
    index_blob,
    index_entries,
    index_tree,
    read_blobs,
    repo_root,
    staged_entries,
    staged_lines,
)
