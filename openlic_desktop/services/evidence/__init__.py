"""Evidence for many patents at once: a folder of reports, consent letters or sealed scans (see folder.py)."""

from openlic_desktop.services.evidence.folder import (
    FOLDER_KINDS,
    EvidenceFile,
    FolderPreview,
    FolderResult,
    attach,
    attach_folder,
    kind_of_folder,
    preview,
)

__all__ = ["FOLDER_KINDS", "EvidenceFile", "FolderPreview", "FolderResult", "attach", "attach_folder", "kind_of_folder", "preview"]
