from functools import cached_property

from . import generic
from .generic import Generic, Users


class Orders(generic.Generic):
    pass


class Repositories:
    def __init__(self, path):
        self.path = path
        self.items = Generic(path)

    @property
    def users(self) -> Users:
        return Users(self.path)

    @cached_property
    def orders(self):
        return Orders(self.path)


def get_repositories(path):
    return Repositories(path)


# A module-level instance other modules reach through.
shared = Repositories("shared.db")
