from .gateway import post_charge


def charge(order_id, amount):
    return post_charge({"order": order_id, "amount": amount})
