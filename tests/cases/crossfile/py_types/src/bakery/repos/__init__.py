"""Re-exports, as packages do."""
from .factory import Repositories, get_repositories
