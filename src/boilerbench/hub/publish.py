"""Upload an exported folder to the Hugging Face Hub as a dataset repository. The token comes
from HF_TOKEN or the login cache, through huggingface_hub; it is never printed."""

from __future__ import annotations

from pathlib import Path

from boilerbench.errors import UserError


def publish(folder: Path, repo_id: str, *, private: bool = False, revision: str | None = None,
            dry_run: bool = False, api=None) -> str:
    """Upload `folder` (or, with `dry_run`, list what would be uploaded)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    listing = "\n".join(f"{p.relative_to(folder)}  {p.stat().st_size:,} bytes" for p in files)
    if dry_run:
        return f"Would upload {len(files)} files to the dataset {repo_id}" + (
            f" (revision {revision})" if revision else "") + ":\n" + listing + "\n"
    if api is None:
        from huggingface_hub import HfApi

        api = HfApi()
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        if revision:
            api.create_branch(repo_id, branch=revision, repo_type="dataset", exist_ok=True)
        api.upload_folder(repo_id=repo_id, folder_path=str(folder), repo_type="dataset", revision=revision,
                          commit_message="Upload boilerbench")
    except Exception as e:
        raise UserError(hub_error_message(e, repo_id)) from None
    return f"Uploaded {len(files)} files to https://huggingface.co/datasets/{repo_id}\n"


def hub_error_message(error: Exception, repo_id: str) -> str:
    status = getattr(getattr(error, "response", None), "status_code", None)
    name = type(error).__name__
    if name == "LocalTokenNotFoundError" or status == 401:
        return ("the Hugging Face Hub rejected the token (or there is none): set HF_TOKEN or run "
                "`hf auth login` with a token that has write access")
    if status == 403:
        return f"the token has no permission to create or write to the dataset {repo_id!r}"
    if status is not None:
        return f"the Hugging Face Hub answered {status} for {repo_id!r}: {str(error).splitlines()[0][:200]}"
    if isinstance(error, (OSError, ConnectionError)) or "Connect" in name or "Timeout" in name:
        return f"cannot reach the Hugging Face Hub ({name}): check the network connection"
    return f"publishing to {repo_id!r} failed: {name}: {str(error)[:200]}"
